using HtmCloud.Api.Tests.Durability;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>
/// Docker cannot run on the build machines, so docker-compose.yml is checked here: every environment variable it gives
/// the HtmCloud nodes is a setting the server reads (<see cref="ServerSettings"/>), and a real server process started
/// with that environment (only addresses, ports and secrets swapped for the test's) joins a Redis cluster and serves.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ComposeFileTests
{
    // What an operator puts in .env; unset variables take the file's defaults.
    private static readonly Dictionary<string, string> DotEnv = new() { ["POSTGRES_PASSWORD"] = "not-a-real-password" };

    private static ComposeFile Compose => ComposeFile.Load(ComposeFile.RepositoryPath("docker-compose.yml"));

    [Test]
    public void ComposeFile_HasTheDatabaseRedisTheProxy_AndTwoNodesBuiltFromTheDockerfile()
    {
        var compose = Compose;
        Assert.That(compose.Services, Is.SupersetOf(new[] { "postgres", "redis", "proxy" }));
        Assert.That(compose.NodeServices(), Is.Not.Empty, $"no service is built from {ComposeFile.NodeDockerfile}");
        Assert.That(compose.NodeServices().Sum(compose.Replicas), Is.GreaterThanOrEqualTo(2), "one cluster of at least two nodes");
        Assert.That(File.Exists(ComposeFile.RepositoryPath(ComposeFile.NodeDockerfile)), Is.True);
    }

    [Test]
    public void EveryEnvironmentVariableOfTheNodes_IsASettingTheServerReads()
    {
        var compose = Compose;
        var problems = compose.NodeServices()
            .SelectMany(service => compose.Environment(service, DotEnv).Keys.Select(v => ServerSettings.Problem(v) is { } p ? $"{service}: {p}" : null))
            .OfType<string>().ToArray();
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void TheCheck_RefusesMisspelledOrUnknownVariables_AndKnowsOrleansMembershipOptions()
    {
        Assert.That(ServerSettings.Problem("RateLimits__PermitPerSecond"), Is.Not.Null);
        Assert.That(ServerSettings.Problem("Cluster__AdvertisedAdress"), Is.Not.Null);
        Assert.That(ServerSettings.Problem("Strage"), Is.Not.Null);
        Assert.That(ServerSettings.Problem("ConnectionStrings__Mongo"), Is.Not.Null);
        Assert.That(ServerSettings.Problem("Durability__CheckpointEveryRecords__Extra"), Is.Not.Null);
        Assert.That(ServerSettings.Problem("Cluster__Membership__ProbeTimeout"), Is.Null);
        Assert.That(ServerSettings.Problem("ForwardedHeaders__KnownProxies__0"), Is.Null);
        Assert.That(ServerSettings.Problem("rateLimits__burst"), Is.Null, "configuration keys are case-insensitive");
    }

    [Test]
    public void TheCatalogue_PointsAtCodeTheServerHas() => Assert.That(ServerSettings.MissingEvidence(), Is.Empty);

    [Test]
    public async Task ANodeStartedWithTheComposeEnvironment_JoinsARedisCluster_AndServes()
    {
        await using var database = await TestDatabase.CreateAsync(TestStorage.Postgres);
        var compose = Compose;
        var environment = compose.Environment(compose.NodeServices()[0], DotEnv);
        var settings = environment
            // The test process owns the listening address and ports (free loopback ones).
            .Where(e => e.Key is not ("ASPNETCORE_URLS" or "Cluster__SiloPort" or "Cluster__GatewayPort"))
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);
        Assert.That(settings["Cluster"], Is.EqualTo("Redis"));
        Assert.That(settings["Storage"], Is.EqualTo("Postgres"));
        settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        settings["ConnectionStrings:Redis"] = TestRedis.ConnectionString;
        settings["Cluster:ClusterId"] = TestRedis.NewClusterId();
        settings["Cluster:AdvertisedAddress"] = "127.0.0.1";

        await using var node = await ServerProcess.StartAsync(settings);
        using var anonymous = node.CreateClient();
        // What Docker's HEALTHCHECK would ask the node.
        using (var health = await anonymous.GetAsync(Dockerfile.Load(ComposeFile.RepositoryPath(ComposeFile.NodeDockerfile)).HealthCheckPath))
            Assert.That((int)health.StatusCode, Is.EqualTo(200));
        var client = node.CreateClient(await SignUpAsync(anonymous));
        var model = await CreateModelAsync(client, OnePool());
        var results = await PostAsync(client, model, Series(30), "compose-1");
        Assert.That(Seqs(results), Is.EqualTo(Range(1, 30)));
    }
}
