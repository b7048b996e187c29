using System.Net;
using HtmCloud.Client.Durability;
using HtmCloud.Client.Http;
using HtmCloud.Client.Keys;
using HtmCloud.Client.Models;
using HtmCloud.Client.Records;
using HtmCloud.Client.Webhooks;
using HtmCloud.Contracts.Tenants;

namespace HtmCloud.Client;

/// <summary>
/// The HtmCloud API, typed. Errors surface as <see cref="Errors.HtmCloudException"/> carrying the problem document.
/// <code>
/// using var client = new HtmCloudClient(new HtmCloudClientOptions { BaseAddress = new("http://localhost:5000"), ApiKey = key });
/// var model = await client.Models.CreateFromTemplateAsync("cpu", "scalar-anomaly");
/// var batch = await client.Records.SendAsync(model.Id, [new Dictionary&lt;string, object?&gt; { ["timestamp"] = DateTime.UtcNow, ["value"] = 12.5 }]);
/// </code>
/// </summary>
public sealed class HtmCloudClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ApiTransport _transport;

    /// <summary>A client with its own connection pool.</summary>
    public HtmCloudClient(HtmCloudClientOptions options)
        : this(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }, options, ownsHttp: true)
    {
    }

    /// <summary>
    /// A client on an <see cref="HttpClient"/> you manage (e.g. from <c>IHttpClientFactory</c>); it is not disposed with this client.
    /// Its <see cref="HttpClient.Timeout"/> still applies on top of <see cref="HtmCloudClientOptions.AttemptTimeout"/>.
    /// </summary>
    public HtmCloudClient(HttpClient httpClient, HtmCloudClientOptions options)
        : this(httpClient, options, ownsHttp: false)
    {
    }

    private HtmCloudClient(HttpClient http, HtmCloudClientOptions options, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _ownsHttp = ownsHttp;
        Options = options with { BaseAddress = WithSlash(options.BaseAddress) };
        _transport = new ApiTransport(http, Options, TimeProvider.System);
        Keys = new KeysClient(_transport);
        Models = new ModelsClient(_transport);
        Records = new RecordsClient(_transport);
        Checkpoints = new CheckpointsClient(_transport);
        Webhooks = new WebhooksClient(_transport);
    }

    /// <summary>The options in force (the base address always ends in a slash).</summary>
    public HtmCloudClientOptions Options { get; }

    /// <summary>API keys: list, create, get, revoke.</summary>
    public KeysClient Keys { get; }

    /// <summary>Models: create from a template or a pool graph, list, get, delete; the templates.</summary>
    public ModelsClient Models { get; }

    /// <summary>Records in, results out (JSON batches or NDJSON streams), and the model's last state.</summary>
    public RecordsClient Records { get; }

    /// <summary>Checkpoints, restore, export and import.</summary>
    public CheckpointsClient Checkpoints { get; }

    /// <summary>Webhook endpoints and their deliveries.</summary>
    public WebhooksClient Webhooks { get; }

    /// <summary>
    /// A client for the same server and options with another key, e.g. the one <see cref="SignUpAsync"/> returned.
    /// It shares this client's connections, so dispose this one last.
    /// </summary>
    public HtmCloudClient WithApiKey(string apiKey) => new(_http, Options with { ApiKey = apiKey }, ownsHttp: false);

    /// <summary>
    /// <c>POST /v1/signup</c>: creates a tenant and its first API key, shown this once. Needs no key; never retried
    /// (a repeat would find the address taken). Throws with 409 when the address is registered.
    /// </summary>
    public Task<SignupResponse> SignUpAsync(string email, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<SignupResponse>(HttpMethod.Post, "v1/signup", new SignupRequest(email), retry: false, cancellationToken);

    /// <summary><c>GET /health/ready</c>: true when the server answers and its storage is reachable.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "health/ready"), retry: false, buffered: true, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or Errors.HtmCloudException or Polly.Timeout.TimeoutRejectedException)
        {
            return false;
        }
    }

    /// <summary>Disposes the connection pool if this client made it.</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private static Uri WithSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
