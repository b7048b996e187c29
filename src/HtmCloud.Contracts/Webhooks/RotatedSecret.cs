namespace HtmCloud.Contracts.Webhooks;

/// <summary>The new secret, shown this once; the old one signs too until <see cref="PreviousSecretExpiresAt"/>.</summary>
public sealed record RotatedSecret(string Secret, DateTimeOffset? PreviousSecretExpiresAt);
