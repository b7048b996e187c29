using HtmCloud.Client.Http;
using HtmCloud.Contracts.Webhooks;

namespace HtmCloud.Client.Webhooks;

/// <summary>Webhook endpoints (<c>/v1/webhooks</c>) and their deliveries (<c>/v1/deliveries</c>).</summary>
public sealed class WebhooksClient
{
    private readonly ApiTransport _transport;

    internal WebhooksClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Registers an endpoint; the answer holds its signing secret (<c>whsec_…</c>) this once. Never retried (a repeat
    /// would register a second endpoint).
    /// </summary>
    public Task<CreatedWebhook> CreateAsync(WebhookRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<CreatedWebhook>(HttpMethod.Post, "v1/webhooks", request, retry: false, cancellationToken);

    /// <summary>The tenant's endpoints, oldest first; never their secrets.</summary>
    public Task<WebhookView[]> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.GetAsync<WebhookView[]>("v1/webhooks", cancellationToken);

    /// <summary>One endpoint; 404 when it is not the tenant's.</summary>
    public Task<WebhookView> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.GetAsync<WebhookView>($"v1/webhooks/{id}", cancellationToken);

    /// <summary>Replaces the endpoint's URL, events and filters; the secret stays.</summary>
    public Task<WebhookView> UpdateAsync(Guid id, WebhookRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<WebhookView>(HttpMethod.Put, $"v1/webhooks/{id}", request, retry: true, cancellationToken);

    /// <summary>Deletes the endpoint and its deliveries.</summary>
    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Delete, $"v1/webhooks/{id}", null, retry: true, cancellationToken);

    /// <summary>Stops deliveries to the endpoint until <see cref="EnableAsync"/>. Safe to repeat, so retried.</summary>
    public Task<WebhookView> DisableAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<WebhookView>(HttpMethod.Post, $"v1/webhooks/{id}/disable", null, retry: true, cancellationToken);

    /// <summary>Resumes deliveries to the endpoint. Safe to repeat, so retried.</summary>
    public Task<WebhookView> EnableAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<WebhookView>(HttpMethod.Post, $"v1/webhooks/{id}/enable", null, retry: true, cancellationToken);

    /// <summary>
    /// A new signing secret, shown this once; the old one keeps signing for <paramref name="gracePeriodSeconds"/>
    /// (default the server's, 24 h). Never retried (a repeat would retire the secret just made).
    /// </summary>
    public Task<RotatedSecret> RotateSecretAsync(Guid id, int? gracePeriodSeconds = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<RotatedSecret>(HttpMethod.Post, $"v1/webhooks/{id}/rotate-secret",
            new RotateSecretRequest { GracePeriodSeconds = gracePeriodSeconds }, retry: false, cancellationToken);

    /// <summary>The endpoint's deliveries, newest first; <paramref name="status"/> is <c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public Task<WebhookDeliveryView[]> ListDeliveriesAsync(Guid webhookId, string? status = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (status is not null) query.Add($"status={Uri.EscapeDataString(status)}");
        if (limit is not null) query.Add($"limit={limit}");
        string path = $"v1/webhooks/{webhookId}/deliveries" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        return _transport.GetAsync<WebhookDeliveryView[]>(path, cancellationToken);
    }

    /// <summary>One delivery with every attempt and the exact body it sends.</summary>
    public Task<WebhookDeliveryDetail> GetDeliveryAsync(Guid deliveryId, CancellationToken cancellationToken = default) =>
        _transport.GetAsync<WebhookDeliveryDetail>($"v1/deliveries/{deliveryId}", cancellationToken);

    /// <summary>
    /// Sends the delivery again (same <c>webhook-id</c>, fresh retry schedule); 409 while the endpoint is disabled.
    /// Not retried (a repeat would send it once more).
    /// </summary>
    public Task<WebhookDeliveryView> RedeliverAsync(Guid deliveryId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<WebhookDeliveryView>(HttpMethod.Post, $"v1/deliveries/{deliveryId}/redeliver", null, retry: false, cancellationToken);
}
