namespace HtmCloud.Contracts.Models;

/// <summary>The predictor's best guess <see cref="Steps"/> records ahead.</summary>
public sealed record PredictionView(int Steps, double? Value, double Probability);
