using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HtmCloud.Client.Tests.Hosting;

/// <summary>
/// The whole API (co-hosted silo included) on a real Kestrel port on loopback, on a SQLite file of its own, so the
/// SDK and the command-line tool talk to it over real sockets.
/// <code>
/// await using var api = await LoopbackApi.StartAsync();
/// using var client = await api.SignUpAsync();
/// </code>
/// </summary>
public sealed class LoopbackApi : IAsyncDisposable
{
    private readonly KestrelApiFactory _factory;
    private readonly string _database;
    private readonly X509Certificate2 _certificate;
    private readonly List<HttpClient> _trustingClients = [];

    private LoopbackApi(KestrelApiFactory factory, string database, Uri address, Uri secureAddress, X509Certificate2 certificate)
    {
        _factory = factory;
        _database = database;
        _certificate = certificate;
        Address = address;
        SecureAddress = secureAddress;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The same server over TLS (self-signed), where it also offers HTTP/2 through ALPN.</summary>
    public Uri SecureAddress { get; }

    /// <summary>
    /// Starts the API on two loopback ports, http and https. One host per test process: Hangfire (webhook delivery)
    /// keeps process-wide state, so a second host in the same process would take the first one's jobs.
    /// </summary>
    public static Task<LoopbackApi> StartAsync() => Task.Run(() =>
    {
        string database = Path.Combine(Path.GetTempPath(), $"htmcloud-client-test-{Guid.NewGuid():N}.db");
        var ports = FreePorts.Take(2);
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Storage"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={database}",
            ["Cluster:SiloPort"] = ports[0].ToString(),
            ["Cluster:GatewayPort"] = ports[1].ToString(),
            // Tests sign up many tenants from one address and must not meet the limits.
            ["RateLimits:PermitsPerSecond"] = "100000",
            ["RateLimits:Burst"] = "100000",
            ["RateLimits:SignupsPerMinute"] = "100000",
            // Webhook receivers in tests listen on loopback.
            ["Webhooks:AllowPrivateNetworks"] = "true",
        };
        var factory = new KestrelApiFactory(settings);
        var certificate = SelfSignedCertificate();
        factory.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new LoopbackApi(factory, database, addresses.Single(a => a.Scheme == "http"), addresses.Single(a => a.Scheme == "https"), certificate);
    });

    /// <summary>A client for this server, with a key or without.</summary>
    public HtmCloudClient Client(string? apiKey = null, HtmCloudClientOptions? options = null) =>
        new((options ?? new HtmCloudClientOptions()) with { BaseAddress = Address, ApiKey = apiKey });

    /// <summary>A client for the https port that trusts exactly this host's certificate; its connections live as long as the host.</summary>
    public HtmCloudClient SecureClient(string apiKey, HtmCloudClientOptions? options = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString();
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _trustingClients.Add(http);
        return new HtmCloudClient(http, (options ?? new HtmCloudClientOptions()) with { BaseAddress = SecureAddress, ApiKey = apiKey });
    }

    /// <summary>Signs up a new tenant (a unique address) and returns a client with its key.</summary>
    public async Task<HtmCloudClient> SignUpAsync(HtmCloudClientOptions? options = null)
    {
        using var anonymous = Client();
        var created = await anonymous.SignUpAsync($"tenant-{Guid.NewGuid():N}@example.com");
        return Client(created.ApiKey, options);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _trustingClients) http.Dispose();
        await _factory.DisposeAsync();
        _certificate.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" }) File.Delete(file);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs a certificate whose private key it can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
