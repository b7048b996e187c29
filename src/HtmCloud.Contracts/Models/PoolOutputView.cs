namespace HtmCloud.Contracts.Models;

/// <summary>One pool's output for one record; SDR arrays appear only when the graph's outputs ask for them.</summary>
public sealed record PoolOutputView
{
    public double RawAnomaly { get; init; }
    public double? AnomalyLikelihood { get; init; }
    public double AnomalyScore { get; init; }
    public int[]? ActiveColumns { get; init; }
    public int[]? ActiveCells { get; init; }
    public int[]? WinnerCells { get; init; }
    public int[]? PredictiveCells { get; init; }
    public IReadOnlyList<PredictionView>? Predictions { get; init; }
}
