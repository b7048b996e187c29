namespace HtmCloud.Grains.Pools;

/// <summary>The predictor's best value and its probability for one horizon.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PredictionOutcome([property: Id(0)] int Steps, [property: Id(1)] double Value, [property: Id(2)] double Probability);
