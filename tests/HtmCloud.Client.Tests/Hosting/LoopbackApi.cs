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

    private LoopbackApi(KestrelApiFactory factory, string database, Uri address)
    {
        _factory = factory;
        _database = database;
        Address = address;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

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
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        return new LoopbackApi(factory, database, address);
    });

    /// <summary>A client for this server, with a key or without.</summary>
    public HtmCloudClient Client(string? apiKey = null, HtmCloudClientOptions? options = null) =>
        new((options ?? new HtmCloudClientOptions()) with { BaseAddress = Address, ApiKey = apiKey });

    /// <summary>Signs up a new tenant (a unique address) and returns a client with its key.</summary>
    public async Task<HtmCloudClient> SignUpAsync(HtmCloudClientOptions? options = null)
    {
        using var anonymous = Client();
        var created = await anonymous.SignUpAsync($"tenant-{Guid.NewGuid():N}@example.com");
        return Client(created.ApiKey, options);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" }) File.Delete(file);
    }
}
