namespace HtmCloud.Api.Tests.Hosting;

/// <summary>
/// The Redis named by HTMCLOUD_TEST_REDIS (<c>host:port</c>, set by infra/test.sh). Without it, Redis tests fail under
/// CI=true and are ignored elsewhere. Each cluster gets its own id, so tests sharing the Redis never join each other.
/// </summary>
public static class TestRedis
{
    public const string Variable = "HTMCLOUD_TEST_REDIS";

    public static string ConnectionString
    {
        get
        {
            var redis = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrWhiteSpace(redis)) return redis;
            const string why = Variable + " is not set: run the tests through infra/test.sh, which starts a private Redis.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(why);
            Assert.Ignore(why);
            return "";
        }
    }

    /// <summary>
    /// Settings of one node of a <c>Cluster=Redis</c> cluster on loopback. Membership is tuned so a killed node is
    /// declared dead within about ten seconds (3 s probes, three misses) instead of Orleans' production pace, yet a node
    /// only starved of CPU on a loaded 2-core machine is not voted out (being declared dead is fatal to a silo's process).
    /// </summary>
    public static Dictionary<string, string?> ClusterSettings(string clusterId) => new()
    {
        ["Cluster"] = "Redis",
        ["ConnectionStrings:Redis"] = ConnectionString,
        ["Cluster:ClusterId"] = clusterId,
        ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        ["Cluster:Membership:ProbeTimeout"] = "00:00:03",
        ["Cluster:Membership:NumMissedProbesLimit"] = "3",
        ["Cluster:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Cluster:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
    };

    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";
}
