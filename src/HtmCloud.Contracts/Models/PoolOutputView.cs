using System.Text.Json.Serialization;

namespace HtmCloud.Contracts.Models;

/// <summary>One pool's output for one record; SDR arrays appear only when the graph's outputs ask for them.</summary>
public sealed record PoolOutputView
{
    public double RawAnomaly { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AnomalyLikelihood { get; init; }
    public double AnomalyScore { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? ActiveColumns { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? ActiveCells { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? WinnerCells { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? PredictiveCells { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PredictionView>? Predictions { get; init; }
}
