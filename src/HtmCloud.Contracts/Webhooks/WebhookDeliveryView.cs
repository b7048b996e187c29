namespace HtmCloud.Contracts.Webhooks;

/// <summary>
/// One message to one endpoint. <see cref="Id"/> is the <c>webhook-id</c> header the receiver saw;
/// <see cref="Status"/> is <c>pending</c>, <c>succeeded</c> or <c>failed</c>.
/// </summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    Guid WebhookId,
    Guid ModelId,
    string Event,
    long FirstSeq,
    long LastSeq,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? CompletedAt);
