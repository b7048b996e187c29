namespace HtmCloud.Contracts.Graphs;

/// <summary>What each processed record returns per pool, besides the anomaly figures (always returned).</summary>
public sealed record GraphOutputs
{
    public bool ActiveColumns { get; init; } = true;
    public bool ActiveCells { get; init; }
    public bool WinnerCells { get; init; }
    public bool PredictiveCells { get; init; }
    public bool Predictions { get; init; } = true;

    /// <summary>Pool whose anomaly score and likelihood are the record's headline figures; null = the first pool.</summary>
    public string? AnomalyPool { get; init; }
}
