using System.Diagnostics;
using System.Net;
using HtmCloud.Api.Tests.Hosting;

namespace HtmCloud.Api.Tests.RateLimiting;

/// <summary>Two nodes of one <c>Cluster=Redis</c> cluster (in-process hosts on one database) draw from one bucket per tenant.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SharedRateLimitTests
{
    private const int Burst = 5;

    [Test]
    public async Task Tenant_AlternatingBetweenTwoNodes_GetsOneBucket_NotOnePerNode()
    {
        await using var database = await TestDatabase.CreateAsync(TestStorage.Postgres);
        var settings = TestRedis.ClusterSettings(TestRedis.NewClusterId());
        settings["RateLimits:PermitsPerSecond"] = "1";
        settings["RateLimits:Burst"] = Burst.ToString();
        await using var first = ApiHost.StartOn(database, settings);
        await using var second = ApiHost.StartOn(database, settings);
        var tenant = await first.SignUpAsync();
        HttpClient[] nodes = [first.CreateClient(tenant.ApiKey), second.CreateClient(tenant.ApiKey)];

        int granted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 4 * Burst; i++)
        {
            using var response = await nodes[i % 2].GetAsync("/v1/keys");
            if (response.StatusCode == HttpStatusCode.OK) granted++;
            else if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused++;
                Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));
            }
            else Assert.Fail($"request {i} answered {(int)response.StatusCode}");
        }
        double seconds = clock.Elapsed.TotalSeconds;

        // One bucket: the burst plus one token per second elapsed. A bucket per node would have let through twice the burst.
        TestContext.Out.WriteLine($"{granted} granted, {refused} refused in {seconds:F2} s");
        Assert.That(granted, Is.LessThanOrEqualTo(Burst + (int)Math.Ceiling(seconds)), "more granted than one shared bucket holds");
        Assert.That(refused, Is.GreaterThan(0));
    }
}
