using System.Text.Json.Serialization;

namespace HtmCloud.Contracts.Models;

/// <summary>The result of one record: its sequence number, headline anomaly figures and per-pool outputs.</summary>
public sealed record RecordResult
{
    public long Seq { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? Timestamp { get; init; }
    public double AnomalyScore { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AnomalyLikelihood { get; init; }
    public double RawAnomaly { get; init; }
    public IReadOnlyDictionary<string, PoolOutputView> Pools { get; init; } = new Dictionary<string, PoolOutputView>();
}
