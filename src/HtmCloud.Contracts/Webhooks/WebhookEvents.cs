namespace HtmCloud.Contracts.Webhooks;

/// <summary>The event types an endpoint can subscribe to.</summary>
public static class WebhookEvents
{
    /// <summary>One message per processed record.</summary>
    public const string RecordProcessed = "record.processed";

    /// <summary>One message per processed batch (a JSON request, or a chunk of an NDJSON stream).</summary>
    public const string BatchProcessed = "batch.processed";

    /// <summary>One message per record whose anomaly likelihood reaches the endpoint's threshold.</summary>
    public const string AnomalyDetected = "anomaly.detected";

    public static readonly IReadOnlyList<string> All = [RecordProcessed, BatchProcessed, AnomalyDetected];
}
