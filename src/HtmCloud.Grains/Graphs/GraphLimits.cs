namespace HtmCloud.Grains.Graphs;

/// <summary>Size caps on a submitted graph, so one tenant's model cannot exhaust a node.</summary>
public sealed record GraphLimits
{
    public static GraphLimits Default { get; } = new();

    public int MaxFields { get; init; } = 32;
    public int MaxPools { get; init; } = 8;
    public int MaxEncoderBits { get; init; } = 16_384;
    public int MaxColumnsPerPool { get; init; } = 16_384;

    /// <summary>Column shards per pool; a sharded pool may hold this many columns per shard (<see cref="MaxColumnsPerPool"/> each).</summary>
    public int MaxShardsPerPool { get; init; } = 16;
    public int MaxCellsPerColumn { get; init; } = 64;
    public int MaxCellsPerGraph { get; init; } = 1_048_576;
    /// <summary>Potential synapses per pool grain, or per shard of a sharded pool.</summary>
    public long MaxPotentialSynapsesPerPool { get; init; } = 16_000_000;
    public int MaxSegmentsPerCell { get; init; } = 255;
    public int MaxSynapsesPerSegment { get; init; } = 255;
    public int MaxPredictionSteps { get; init; } = 8;
    public int MaxPredictorBuckets { get; init; } = 1_000;
}
