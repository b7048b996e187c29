namespace HtmCloud.Contracts.Tenants;

/// <summary>An API key as listed: its public prefix only, never the secret.</summary>
/// <param name="Id">The key's id, for <c>DELETE /v1/keys/{id}</c>.</param>
/// <param name="Prefix">The public start of the key, <c>htm_&lt;id&gt;</c>, to tell keys apart.</param>
/// <param name="CreatedAt">When the key was made.</param>
/// <param name="RevokedAt">When the key was revoked; null while it works.</param>
public sealed record ApiKeyView(Guid Id, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
