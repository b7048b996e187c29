using HtmCloud.Contracts.Models;

namespace HtmCloud.Contracts.Webhooks;

/// <summary><c>anomaly.detected</c>: a record whose anomaly likelihood reached the endpoint's threshold.</summary>
public sealed record AnomalyDetectedData(Guid ModelId, double Threshold, RecordResult Result);
