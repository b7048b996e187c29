namespace HtmCloud.Grains.Pools;

/// <summary>One pool's output for one record. Arrays the graph did not ask for may be null in model results.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolStepOutcome
{
    [Id(0)] public int[]? ActiveColumns { get; init; }
    [Id(1)] public int[]? ActiveCells { get; init; }
    [Id(2)] public int[]? WinnerCells { get; init; }
    [Id(3)] public int[]? PredictiveCells { get; init; }
    [Id(4)] public float RawAnomaly { get; init; }
    [Id(5)] public double Likelihood { get; init; }
    [Id(6)] public double AnomalyScore { get; init; }
    [Id(7)] public PredictionOutcome[] Predictions { get; init; } = [];
}
