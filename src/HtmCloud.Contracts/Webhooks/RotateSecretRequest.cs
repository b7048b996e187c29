namespace HtmCloud.Contracts.Webhooks;

/// <summary>Optional body of a secret rotation: how long the old secret keeps signing (default 24 h, at most 7 days).</summary>
public sealed record RotateSecretRequest
{
    public int? GracePeriodSeconds { get; init; }
}
