using System.Net;
using HtmCloud.Client.Errors;

namespace HtmCloud.Client.Tests;

public sealed class HtmCloudClientTests
{
    [Test]
    public async Task SignUp_ReturnsAKey_ThatTheNextClientUses()
    {
        using var anonymous = ApiSetUp.Api.Client();

        var created = await anonymous.SignUpAsync($"ana-{Guid.NewGuid():N}@example.com");
        using var client = anonymous.WithApiKey(created.ApiKey);
        var keys = await client.Keys.ListAsync();

        Assert.That(created.ApiKey, Does.StartWith("htm_"));
        Assert.That(keys.Select(k => k.Id), Is.EqualTo(new[] { created.KeyId }));
    }

    [Test]
    public async Task SignUp_WithATakenAddress_Throws409_WithTheProblem()
    {
        using var anonymous = ApiSetUp.Api.Client();
        string email = $"bo-{Guid.NewGuid():N}@example.com";
        await anonymous.SignUpAsync(email);

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => anonymous.SignUpAsync(email)))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(error.Problem?.Title, Is.EqualTo("Email already registered"));
        Assert.That(error.Message, Does.Contain("409").And.Contain("POST /v1/keys"));
    }

    [Test]
    public async Task SignUp_WithABadAddress_Throws400_WithTheFieldError()
    {
        using var anonymous = ApiSetUp.Api.Client();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => anonymous.SignUpAsync("not-an-address")))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Errors.Keys, Does.Contain("email"));
    }

    [Test]
    public async Task IsReady_IsTrue_ForTheServer_AndFalse_ForANonListeningPort()
    {
        using var client = ApiSetUp.Api.Client();
        using var nowhere = new HtmCloudClient(new HtmCloudClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{Hosting.FreePorts.Take(1)[0]}"), MaxRetries = 0 });

        Assert.That(await client.IsReadyAsync(), Is.True);
        Assert.That(await nowhere.IsReadyAsync(), Is.False);
    }

    [Test]
    public async Task AnyCall_WithoutAKey_Throws401_WithTheChallengeDetail()
    {
        using var client = ApiSetUp.Api.Client();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Models.ListAsync()))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.Problem?.Detail, Does.Contain("API key is required"));
    }
}
