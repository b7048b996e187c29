namespace HtmCloud.Contracts.Webhooks;

/// <summary>One HTTP request of a delivery; <see cref="StatusCode"/> is null when no response came.</summary>
public sealed record WebhookAttemptView(DateTimeOffset At, int? StatusCode, double LatencyMs, string? Error);
