using HtmCloud.Client.Http;
using HtmCloud.Contracts.Tenants;

namespace HtmCloud.Client.Keys;

/// <summary>The tenant's API keys (<c>/v1/keys</c>).</summary>
public sealed class KeysClient
{
    private readonly ApiTransport _transport;

    internal KeysClient(ApiTransport transport) => _transport = transport;

    /// <summary>Every key of the tenant, revoked ones included; prefixes only, never secrets.</summary>
    public Task<ApiKeyView[]> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.GetAsync<ApiKeyView[]>("v1/keys", cancellationToken);

    /// <summary>A new key; its secret is in the answer this once. Never retried (a repeat would make a second key).</summary>
    public Task<CreatedApiKey> CreateAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<CreatedApiKey>(HttpMethod.Post, "v1/keys", null, retry: false, cancellationToken);

    /// <summary>One key; 404 when it is not the tenant's.</summary>
    public Task<ApiKeyView> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.GetAsync<ApiKeyView>($"v1/keys/{id}", cancellationToken);

    /// <summary>Revokes a key: it fails from the next request on. Revoking twice is harmless.</summary>
    public Task RevokeAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Delete, $"v1/keys/{id}", null, retry: true, cancellationToken);
}
