using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>/metrics is not public: loopback only by default, a bearer scrape token when one is configured.</summary>
public sealed class MetricsAccessTests
{
    [TestFixture]
    public sealed class WithoutAToken() : ApiFixture(TestStorage.Sqlite)
    {
        [Test]
        public async Task FromAnotherAddress_Is403Problem_FromLoopback_Is200()
        {
            var remote = await Host.Server.SendAsync(context =>
            {
                context.Request.Path = "/metrics";
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            });
            var local = await Host.Server.SendAsync(context =>
            {
                context.Request.Path = "/metrics";
                context.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;
            });

            Assert.That(remote.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
            Assert.That(remote.Response.ContentType, Does.StartWith("application/problem+json"));
            Assert.That(local.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
        }
    }

    [TestFixture]
    public sealed class WithAToken() : ApiFixture(TestStorage.Sqlite)
    {
        private const string Token = "scrape-me-7f3a";

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Metrics:ScrapeToken"] = Token };

        [TestCase(null)]
        [TestCase("wrong-token")]
        [TestCase("scrape-me-7f3")]
        public async Task WithoutTheToken_Is401Problem(string? token)
        {
            using var client = Host.CreateClient();
            if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var response = await client.GetAsync("/metrics");

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        }

        [Test]
        public async Task WithTheToken_ServesPrometheusText()
        {
            using var client = Host.CreateClient();
            using (await client.GetAsync("/health/live"))
            {
            }
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

            using var response = await client.GetAsync("/metrics");

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("http_server_request_duration"));
        }
    }
}
