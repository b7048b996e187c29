namespace HtmCloud.Data.Webhooks;

/// <summary>One HTTP request of a delivery (table <c>webhook_attempts</c>): every try is kept, retries included.</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    /// <summary>The response status; null when no response came (refused, timed out, connection failed).</summary>
    public int? StatusCode { get; set; }

    public double LatencyMs { get; set; }

    public string? Error { get; set; }
}
