using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HtmCloud.Contracts.Tenants;
using HtmCloud.Data;
using Microsoft.Extensions.DependencyInjection;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>
/// The whole API host (co-hosted silo included) in memory, on its own database and its own free Orleans ports.
/// <code>
/// await using var host = await ApiHost.StartAsync(TestStorage.Postgres);
/// var tenant = await host.SignUpAsync();
/// var response = await tenant.Client.GetAsync("/v1/keys");
/// </code>
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    /// <summary>Settings every test host starts with; a test's own settings win.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestDefaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        // Tests sign up many tenants from one address and must not meet the limits unless they set them.
        ["RateLimits:PermitsPerSecond"] = "100000",
        ["RateLimits:Burst"] = "100000",
        ["RateLimits:SignupsPerMinute"] = "100000",
    };

    private readonly ApiFactory _factory;
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly List<HttpClient> _clients = [];

    private ApiHost(ApiFactory factory, TestDatabase database, int siloPort, bool ownsDatabase)
    {
        _factory = factory;
        _database = database;
        SiloPort = siloPort;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>Port of the host's co-hosted silo.</summary>
    public int SiloPort { get; }

    public TestStorage Storage => _database.Storage;

    /// <summary>The host's services (e.g. a grain factory, <see cref="HtmDbContext"/> through a scope).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The in-process server, for requests that must look as if they came from elsewhere (a remote address).</summary>
    public Microsoft.AspNetCore.TestHost.TestServer Server => _factory.Server;

    /// <summary>Starts a host on a new database (migrated by the host itself, as in production).</summary>
    public static async Task<ApiHost> StartAsync(TestStorage storage, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(storage);
        try
        {
            return Start(database, ownsDatabase: true, settings);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A second node: another host on <paramref name="primary"/>'s database whose silo joins <paramref name="primary"/>'s
    /// cluster, so grains spread over both silos and either host takes API traffic for any model.
    /// </summary>
    public static Task<ApiHost> JoinAsync(ApiHost primary, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Cluster:PrimarySiloPort"] = primary.SiloPort.ToString() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return Task.FromResult(Start(primary._database, ownsDatabase: false, all));
    }

    /// <summary>Starts a host on a database the caller owns (several hosts of one cluster share it).</summary>
    public static ApiHost StartOn(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        Start(database, ownsDatabase: false, settings);

    private static ApiHost Start(TestDatabase database, bool ownsDatabase, IReadOnlyDictionary<string, string?>? settings)
    {
        var ports = FreePorts.Take(2);
        var all = new Dictionary<string, string?>(TestDefaults);
        foreach (var (key, value) in database.Settings)
        {
            all[key] = value;
        }

        all["Cluster:SiloPort"] = ports[0].ToString();
        all["Cluster:GatewayPort"] = ports[1].ToString();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new ApiFactory(all);
        var host = new ApiHost(factory, database, int.Parse(all["Cluster:SiloPort"]!), ownsDatabase);
        _ = factory.Server; // starts the host: migrations, silo, endpoints
        return host;
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient CreateClient()
    {
        var client = _factory.CreateClient();
        _clients.Add(client);
        return client;
    }

    /// <summary>A client that sends <c>Authorization: Bearer {apiKey}</c>.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Signs up a new tenant (a unique email unless given) and returns it with an authenticated client.</summary>
    public async Task<TenantSession> SignUpAsync(string? email = null)
    {
        email ??= $"tenant-{Guid.NewGuid():N}@example.com";
        using var anonymous = _factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/v1/signup", new SignupRequest(email));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Assert.Fail($"sign-up for {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var created = (await response.Content.ReadFromJsonAsync<SignupResponse>())!;
        return new TenantSession(created.TenantId, created.KeyId, created.ApiKey, email, CreateClient(created.ApiKey));
    }

    /// <summary>Runs a query on the host's own database, in a scope of its own.</summary>
    public async Task<T> QueryAsync<T>(Func<HtmDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HtmDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _factory.DisposeAsync();
        if (_ownsDatabase) await _database.DisposeAsync();
    }
}
