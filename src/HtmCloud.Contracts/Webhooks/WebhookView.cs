namespace HtmCloud.Contracts.Webhooks;

/// <summary>An endpoint as its owner sees it; never the secret.</summary>
public sealed record WebhookView(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    double AnomalyThreshold,
    Guid? ModelId,
    IReadOnlyList<string>? Include,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PreviousSecretExpiresAt);
