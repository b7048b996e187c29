namespace HtmCloud.Data.Webhooks;

/// <summary>
/// One message to one endpoint (table <c>webhook_deliveries</c>), written before any job is enqueued for it:
/// the row, not the job queue, is the record of what must be delivered.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Also the <c>webhook-id</c> header: stable across retries and redeliveries.</summary>
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid EndpointId { get; set; }

    public Guid ModelId { get; set; }

    public required string EventType { get; set; }

    public long FirstSeq { get; set; }

    public long LastSeq { get; set; }

    /// <summary>The JSON body sent, byte for byte.</summary>
    public required string Payload { get; set; }

    /// <summary><see cref="WebhookDeliveryStatus"/>: pending, succeeded or failed.</summary>
    public required string Status { get; set; }

    /// <summary>HTTP requests made, every retry included (each is a <see cref="WebhookAttempt"/>).</summary>
    public int Attempts { get; set; }

    /// <summary>Steps of the retry schedule used so far (one job run is one step).</summary>
    public int Runs { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next step is due; a job that finds it in the future does nothing.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A job holds the delivery until then, so two runs of its job never send at once.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
