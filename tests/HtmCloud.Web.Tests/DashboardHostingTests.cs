using System.Net;
using System.Text.RegularExpressions;
using HtmCloud.Web.Tests.Hosting;

namespace HtmCloud.Web.Tests;

/// <summary>How the API serves the built page: at /, with a strict Content-Security-Policy, hashed assets cached.</summary>
public sealed partial class DashboardHostingTests
{
    private DashboardServer _server = null!;

    [OneTimeSetUp]
    public void Start() => _server = DashboardServer.Start();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Root_ServesThePage_RevalidatedEachTime_UnderAPolicyThatAllowsOnlyThisOrigin()
    {
        using var client = new HttpClient { BaseAddress = _server.Address };

        using var response = await client.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
        string policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.That(policy, Does.Contain("default-src 'self'").And.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'"));
        Assert.That(policy, Does.Not.Contain("unsafe"));
        string html = await response.Content.ReadAsStringAsync();
        Assert.That(Regex.Matches(html, "(src|href)=\"(https?:)?//").Count, Is.Zero, "no CDN links");
    }

    [Test]
    public async Task HashedAssets_AreCachedForAYear()
    {
        using var client = new HttpClient { BaseAddress = _server.Address };
        string html = await client.GetStringAsync("/");
        string script = ScriptPath().Match(html).Groups[1].Value;
        Assert.That(script, Does.StartWith("/assets/"));

        using var response = await client.GetAsync(script);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromDays(365)));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
    }

    [Test]
    public async Task ApiRoutes_AreNotShadowedByThePage()
    {
        using var client = new HttpClient { BaseAddress = _server.Address };

        using var unknown = await client.GetAsync("/v1/nothing-here");
        using var models = await client.GetAsync("/v1/models");

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(models.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptPath();
}
