using System.Net;
using HtmCloud.Api.Tests.Hosting;

namespace HtmCloud.Api.Tests.Auth;

[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class ApiKeyAuthenticationTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task Request_WithoutAnApiKey_Gets401Problem_WithABearerChallenge()
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync("/v1/keys");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [TestCase("Bearer hello")]
    [TestCase("Bearer htm_")]
    [TestCase("Bearer htm_abcdefghijkl_")]
    [TestCase("Bearer htm_ABCDEFGHIJKL_c2VjcmV0")]
    [TestCase("Basic YW5hOnNlY3JldA==")]
    public async Task Request_WithAGarbageAuthorization_Gets401Problem(string authorization)
    {
        using var client = Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/keys");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Request_WithTheRightKeyIdButAWrongSecret_Gets401Problem()
    {
        var tenant = await Host.SignUpAsync();
        var last = tenant.ApiKey[^1] == 'A' ? 'B' : 'A';
        using var client = Host.CreateClient(tenant.ApiKey[..^1] + last);

        using var response = await client.GetAsync("/v1/keys");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("not valid"));
    }

    [Test]
    public async Task Request_WithAnUnknownKeyId_Gets401Problem()
    {
        var tenant = await Host.SignUpAsync();
        using var client = Host.CreateClient("htm_000000000000" + tenant.ApiKey[16..]);

        using var response = await client.GetAsync("/v1/keys");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
