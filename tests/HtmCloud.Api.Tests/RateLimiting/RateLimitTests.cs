using System.Net;
using System.Net.Http.Json;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Contracts.Tenants;

namespace HtmCloud.Api.Tests.RateLimiting;

/// <summary>
/// One host with tiny limits; each test's sign-ups come from its own (forwarded) client address. With
/// <c>Cluster=Redis</c> the buckets live in Redis (<see cref="SharedRateLimitTests"/> shows two nodes sharing them).
/// </summary>
[TestFixture(TestStorage.Sqlite, "Localhost")]
[TestFixture(TestStorage.Sqlite, "Redis")]
public sealed class RateLimitTests(TestStorage storage, string cluster) : ApiFixture(storage)
{
    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = cluster == "Redis" ? TestRedis.ClusterSettings(TestRedis.NewClusterId()) : [];
            settings["RateLimits:PermitsPerSecond"] = "1";
            settings["RateLimits:Burst"] = "3";
            settings["RateLimits:SignupsPerMinute"] = "3";
            settings["ForwardedHeaders:Enabled"] = "true";
            return settings;
        }
    }

    [Test]
    public async Task Tenant_OverItsLimit_Gets429_WithRetryAfterAndAProblem_WhileOthersGoOn()
    {
        var busy = await SignUpFromAsync("198.51.100.10");
        var quiet = await SignUpFromAsync("198.51.100.10");

        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 20 && rejected is null; i++)
        {
            var response = await busy.Client.GetAsync("/v1/keys");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
            else
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                response.Dispose();
            }
        }

        Assert.That(rejected, Is.Not.Null, "20 requests against a bucket of 3 were all let through");
        using (rejected)
        {
            await ProblemAssert.IsProblemAsync(rejected!, HttpStatusCode.TooManyRequests);
            Assert.That(rejected!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));
        }

        using var other = await quiet.Client.GetAsync("/v1/keys");
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SignUps_OverTheLimitFromOneAddress_Get429_WithRetryAfter()
    {
        using var client = Host.CreateClient();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 10 && rejected is null; i++)
        {
            var response = await PostSignupAsync(client, "198.51.100.20", $"s{i}-{Guid.NewGuid():N}@example.com");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.That(rejected, Is.Not.Null);
        using (rejected)
        {
            await ProblemAssert.IsProblemAsync(rejected!, HttpStatusCode.TooManyRequests);
            Assert.That(rejected!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));
        }

        using var elsewhere = await PostSignupAsync(client, "198.51.100.21", $"other-{Guid.NewGuid():N}@example.com");
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private async Task<TenantSession> SignUpFromAsync(string address)
    {
        using var client = Host.CreateClient();
        var email = $"busy-{Guid.NewGuid():N}@example.com";
        using var response = await PostSignupAsync(client, address, email);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = (await response.Content.ReadFromJsonAsync<SignupResponse>())!;
        return new TenantSession(created.TenantId, created.KeyId, created.ApiKey, email, Host.CreateClient(created.ApiKey));
    }

    private static Task<HttpResponseMessage> PostSignupAsync(HttpClient client, string address, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/signup") { Content = JsonContent.Create(new SignupRequest(email)) };
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }
}
