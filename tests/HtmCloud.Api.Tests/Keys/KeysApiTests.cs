using System.Net;
using System.Net.Http.Json;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Contracts.Tenants;

namespace HtmCloud.Api.Tests.Keys;

[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class KeysApiTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task CreateKey_ReturnsTheKeyOnce_WithItsLocation()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/keys", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = (await response.Content.ReadFromJsonAsync<CreatedApiKey>())!;
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/keys/{created.Id}"));
        Assert.That(created.ApiKey, Does.StartWith(created.Prefix + "_"));
        using var withNewKey = Host.CreateClient(created.ApiKey);
        using var get = await withNewKey.GetAsync($"/v1/keys/{created.Id}");
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ListKeys_ShowsEachKeysPrefixOnly()
    {
        var tenant = await Host.SignUpAsync();
        using var second = await tenant.Client.PostAsync("/v1/keys", null);
        var secondKey = (await second.Content.ReadFromJsonAsync<CreatedApiKey>())!;

        using var response = await tenant.Client.GetAsync("/v1/keys");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Not.Contain(tenant.ApiKey[17..]));
        Assert.That(body, Does.Not.Contain(secondKey.ApiKey[17..]));
        var keys = (await response.Content.ReadFromJsonAsync<ApiKeyView[]>())!;
        Assert.That(keys.Select(k => k.Id), Is.EqualTo(new[] { tenant.KeyId, secondKey.Id }));
        Assert.That(keys.Select(k => k.Prefix), Is.EqualTo(new[] { tenant.ApiKey[..16], secondKey.ApiKey[..16] }));
        Assert.That(keys.Select(k => k.RevokedAt), Is.All.Null);
    }

    [Test]
    public async Task RevokedKey_Gets401_OnItsNextRequest()
    {
        var tenant = await Host.SignUpAsync();
        using var created = await tenant.Client.PostAsync("/v1/keys", null);
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>())!;
        using var withKey = Host.CreateClient(key.ApiKey);
        using (var before = await withKey.GetAsync("/v1/keys"))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var revoke = await tenant.Client.DeleteAsync($"/v1/keys/{key.Id}");

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var after = await withKey.GetAsync("/v1/keys");
        var problem = await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("revoked"));
        var listed = (await tenant.Client.GetFromJsonAsync<ApiKeyView[]>("/v1/keys"))!;
        Assert.That(listed.Single(k => k.Id == key.Id).RevokedAt, Is.Not.Null);
        Assert.That(listed.Single(k => k.Id == tenant.KeyId).RevokedAt, Is.Null);
    }

    [Test]
    public async Task RevokeKey_Twice_IsNoContentBothTimes()
    {
        var tenant = await Host.SignUpAsync();
        using var created = await tenant.Client.PostAsync("/v1/keys", null);
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>())!;

        using var first = await tenant.Client.DeleteAsync($"/v1/keys/{key.Id}");
        using var second = await tenant.Client.DeleteAsync($"/v1/keys/{key.Id}");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task AnotherTenantsKeyId_Is404_AndTheKeyKeepsWorking()
    {
        var owner = await Host.SignUpAsync();
        var other = await Host.SignUpAsync();

        using var revoke = await other.Client.DeleteAsync($"/v1/keys/{owner.KeyId}");
        using var get = await other.Client.GetAsync($"/v1/keys/{owner.KeyId}");

        await ProblemAssert.IsProblemAsync(revoke, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
        using var stillWorks = await owner.Client.GetAsync("/v1/keys");
        Assert.That(stillWorks.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var otherKeys = (await other.Client.GetFromJsonAsync<ApiKeyView[]>("/v1/keys"))!;
        Assert.That(otherKeys.Select(k => k.Id), Is.EqualTo(new[] { other.KeyId }));
    }
}
