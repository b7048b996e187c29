namespace HtmCloud.Contracts.Tenants;

/// <summary>Answer to <c>POST /v1/keys</c>.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Prefix">The public start of the key, as <see cref="ApiKeyView.Prefix"/> shows it later.</param>
/// <param name="ApiKey">The full key, <c>htm_&lt;id&gt;_&lt;secret&gt;</c>; shown this once and never again.</param>
/// <param name="CreatedAt">When the key was made.</param>
public sealed record CreatedApiKey(Guid Id, string Prefix, string ApiKey, DateTimeOffset CreatedAt);
