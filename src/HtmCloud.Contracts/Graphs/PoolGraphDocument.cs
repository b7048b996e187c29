namespace HtmCloud.Contracts.Graphs;

/// <summary>
/// Pool graph v1, the JSON a user submits: record fields, pools (encoders or another pool's output,
/// spatial pooler, temporal memory, likelihood, predictor, optional group) and the outputs to return.
/// See docs/pool-graph.md.
/// </summary>
public sealed record PoolGraphDocument
{
    public int Version { get; init; } = 1;
    public IReadOnlyList<GraphField> Fields { get; init; } = [];
    public IReadOnlyList<PoolSpec> Pools { get; init; } = [];
    public GraphOutputs Outputs { get; init; } = new();

    /// <summary>The datetime field echoed as each result's timestamp and checked for order; null = none.</summary>
    public string? TimestampField { get; init; }

    /// <summary>Refuse a record whose timestamp is earlier than the previous record's. Default false.</summary>
    public bool RequireIncreasingTimestamps { get; init; }
}
