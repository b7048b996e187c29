using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HtmCloud.Web.Tests.Hosting;

/// <summary>
/// The real API (dashboard included) on Kestrel at a free loopback port, on a SQLite file of its own, with webhook
/// targets on loopback allowed: <c>await using var server = await DashboardServer.StartAsync();</c>.
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"htmcloud-web-{Guid.NewGuid():N}.db");

    public Uri Address { get; private set; } = null!;

    public static DashboardServer Start()
    {
        var server = new DashboardServer();
        server.UseKestrel(0);
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        return server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var orleans = FreePorts(2);
        var settings = new Dictionary<string, string?>
        {
            ["Storage"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={_database}",
            ["Cluster:SiloPort"] = orleans[0].ToString(),
            ["Cluster:GatewayPort"] = orleans[1].ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["RateLimits:PermitsPerSecond"] = "100000",
            ["RateLimits:Burst"] = "100000",
            ["RateLimits:SignupsPerMinute"] = "100000",
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Hangfire:SchedulePollingIntervalMilliseconds"] = "100",
        };
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>Signs a tenant up through the API (for tests whose subject is not the sign-up page); returns its key.</summary>
    public async Task<string> SignUpAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        using var response = await client.PostAsJsonAsync("/v1/signup", new { email = $"web-{Guid.NewGuid():N}@example.com" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SignupAnswer>())!.ApiKey;
    }

    /// <summary>A model from the scalar-anomaly template, created through the API; returns its id.</summary>
    public async Task<Guid> CreateModelAsync(string apiKey, string name, int learningRecords = 750)
    {
        using var client = Client(apiKey);
        using var response = await client.PostAsJsonAsync("/v1/models", new
        {
            name,
            template = "scalar-anomaly",
            templateOptions = new { minimum = 0, maximum = 100, probationaryRecords = learningRecords },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedModel>())!.Id;
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" }) File.Delete(file);
    }

    // Loopback ports nothing listens on, all held open until every one is read so they differ.
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    private sealed record SignupAnswer(string ApiKey);

    private sealed record CreatedModel(Guid Id);
}
