using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HtmCloud.Api.Tests.Hosting;

[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class HostingTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task TestHost_RunsOnItsOwnMigratedDatabase_AndItsOwnSiloPorts()
    {
        var (provider, connection, pending) = await Host.QueryAsync(async db => (
            db.Database.ProviderName,
            db.Database.GetConnectionString(),
            (await db.Database.GetPendingMigrationsAsync()).Count()));
        var endpoints = Host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.That(provider, Does.Contain(Storage == TestStorage.Sqlite ? "Sqlite" : "PostgreSQL"));
        Assert.That(connection, Does.Contain(Storage == TestStorage.Sqlite ? "htmcloud-test-" : "htmcloud_"));
        Assert.That(pending, Is.Zero);
        Assert.That(endpoints.SiloPort, Is.Not.EqualTo(11111));
        Assert.That(endpoints.GatewayPort, Is.Not.EqualTo(30000));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task HealthEndpoint_Returns200(string path)
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task SwaggerDocument_Serves_WithTheBearerScheme_OnKeyOperationsOnly()
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync("/swagger/v1/swagger.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _), Is.True);
        var paths = document.GetProperty("paths");
        Assert.That(paths.GetProperty("/v1/keys").GetProperty("get").TryGetProperty("security", out _), Is.True);
        Assert.That(paths.GetProperty("/v1/signup").GetProperty("post").TryGetProperty("security", out _), Is.False);
    }

    [Test]
    public async Task Metrics_AreServedForPrometheus()
    {
        using var client = Host.CreateClient();
        using (await client.GetAsync("/health/live"))
        {
        }

        using var response = await client.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("http_server_request_duration"));
    }

    [Test]
    public async Task MalformedJsonBody_Is400Problem_NamingThePosition_Never500()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("/v1/signup", Json("{\"email\": \"ana@example.com\",,}"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("line 1"));
    }

    [Test]
    public async Task JsonValueOfTheWrongType_Is400Problem_NamingTheField()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("/v1/signup", Json("{\"email\": 42}"));

        await ProblemAssert.IsValidationProblemAsync(response, "email");
    }

    [Test]
    public async Task EmptyBody_Is400Problem()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("/v1/signup", Json(""));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task NonJsonContentType_Is415Problem()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("/v1/signup", new StringContent("email=ana@example.com", Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task UnknownRoute_Is404Problem()
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync("/v1/nothing-here");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
