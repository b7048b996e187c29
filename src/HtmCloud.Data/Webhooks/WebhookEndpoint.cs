namespace HtmCloud.Data.Webhooks;

/// <summary>A tenant's callback URL and what it wants to hear about (table <c>webhook_endpoints</c>).</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Url { get; set; }

    /// <summary>Event types, space-separated (<c>batch.processed record.processed</c>).</summary>
    public required string Events { get; set; }

    /// <summary>For <c>anomaly.detected</c>: the anomaly likelihood at or above which a record is reported.</summary>
    public double AnomalyThreshold { get; set; }

    /// <summary>Only this model's records; null = every model of the tenant.</summary>
    public Guid? ModelId { get; set; }

    /// <summary>Per-pool outputs to send, space-separated; null = everything the API returns.</summary>
    public string? Include { get; set; }

    /// <summary>
    /// The signing secret, <c>whsec_&lt;base64&gt;</c>, stored as is: it must be used to sign, so it cannot be
    /// hashed like an API key; it is shown to the tenant only when created or rotated.
    /// </summary>
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation; it still signs until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Why the endpoint was disabled (by its owner, or by a 410 from the receiver).</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
