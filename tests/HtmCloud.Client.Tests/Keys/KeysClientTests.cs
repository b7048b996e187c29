using System.Net;
using HtmCloud.Client.Errors;

namespace HtmCloud.Client.Tests.Keys;

public sealed class KeysClientTests
{
    [Test]
    public async Task CreateGetList_ShowTheNewKey_ByPrefixOnly()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        var created = await client.Keys.CreateAsync();
        var fetched = await client.Keys.GetAsync(created.Id);
        var listed = await client.Keys.ListAsync();

        Assert.That(created.ApiKey, Does.StartWith(created.Prefix + "_"));
        Assert.That(fetched.Prefix, Is.EqualTo(created.Prefix));
        Assert.That(fetched.RevokedAt, Is.Null);
        Assert.That(listed.Select(k => k.Id), Does.Contain(created.Id));
        Assert.That(listed.Length, Is.EqualTo(2));
    }

    [Test]
    public async Task Revoke_MakesTheKeyFail_With401()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var second = await client.Keys.CreateAsync();
        using var secondClient = client.WithApiKey(second.ApiKey);

        await client.Keys.RevokeAsync(second.Id);
        await client.Keys.RevokeAsync(second.Id); // twice is harmless

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => secondClient.Keys.ListAsync()))!;
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.Problem?.Detail, Does.Contain("revoked"));
        Assert.That((await client.Keys.GetAsync(second.Id)).RevokedAt, Is.Not.Null);
    }

    [Test]
    public async Task Get_AnotherTenantsKey_Throws404()
    {
        using var ana = await ApiSetUp.Api.SignUpAsync();
        using var bo = await ApiSetUp.Api.SignUpAsync();
        var anasKey = await ana.Keys.CreateAsync();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => bo.Keys.GetAsync(anasKey.Id)))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
