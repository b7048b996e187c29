using HtmCloud.Client.Tests.Hosting;

namespace HtmCloud.Client.Tests.Http;

/// <summary>Retries meet real failures: a loopback proxy in front of the API drops or refuses the first connections.</summary>
public sealed class RetryTests
{
    private static readonly HtmCloudClientOptions FastRetries = new() { RetryDelay = TimeSpan.FromMilliseconds(20) };

    [Test]
    public async Task Batch_RetriedAfterADroppedConnection_IsLearnedOnce_WithTheSameResults()
    {
        using var direct = await ApiSetUp.Api.SignUpAsync();
        var model = await direct.Models.CreateFromTemplateAsync("retried", Samples.Template, Samples.Options);
        var twin = await direct.Models.CreateFromTemplateAsync("twin", Samples.Template, Samples.Options);
        await using var proxy = new FlakyProxy(ApiSetUp.Api.Address, ProxyFault.DropAfterRequest);
        using var flaky = new HtmCloudClient(FastRetries with { BaseAddress = proxy.Address, ApiKey = direct.Options.ApiKey });
        var records = Samples.Records(25);

        // The server processes the first attempt, its answer is lost, and the retry carries the same Idempotency-Key.
        var results = await flaky.Records.SendAsync(model.Id, records);
        var once = await direct.Records.SendAsync(twin.Id, records);

        Assert.That(proxy.FaultsLeft, Is.Zero);
        Assert.That(proxy.Connections, Is.EqualTo(2));
        Assert.That((await direct.Records.GetStateAsync(model.Id)).RecordsProcessed, Is.EqualTo(25));
        Assert.That(ResultJson.Of(results.Results), Is.EqualTo(ResultJson.Of(once.Results)));
    }

    [Test]
    public async Task Get_After503WithRetryAfter_IsRetried()
    {
        using var direct = await ApiSetUp.Api.SignUpAsync();
        await using var proxy = new FlakyProxy(ApiSetUp.Api.Address, ProxyFault.Answer503, ProxyFault.Answer503);
        using var flaky = new HtmCloudClient(FastRetries with { BaseAddress = proxy.Address, ApiKey = direct.Options.ApiKey });

        var keys = await flaky.Keys.ListAsync();

        Assert.That(keys, Has.Length.EqualTo(1));
        Assert.That(proxy.Connections, Is.EqualTo(3));
    }

    [Test]
    public async Task CreateModel_IsNotRetried_AfterADroppedConnection()
    {
        // Creating is not idempotent: a retry would make a second model, so the failure reaches the caller.
        using var direct = await ApiSetUp.Api.SignUpAsync();
        await using var proxy = new FlakyProxy(ApiSetUp.Api.Address, ProxyFault.DropAfterRequest);
        using var flaky = new HtmCloudClient(FastRetries with { BaseAddress = proxy.Address, ApiKey = direct.Options.ApiKey });

        await Assert.ThrowsAsync<HttpRequestException>(() => flaky.Models.CreateFromTemplateAsync("once", Samples.Template, Samples.Options));

        Assert.That(proxy.Connections, Is.EqualTo(1));
        Assert.That(await direct.Models.ListAsync(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Batch_WithRetriesOff_SurfacesTheDroppedConnection()
    {
        using var direct = await ApiSetUp.Api.SignUpAsync();
        var model = await direct.Models.CreateFromTemplateAsync("no-retries", Samples.Template, Samples.Options);
        await using var proxy = new FlakyProxy(ApiSetUp.Api.Address, ProxyFault.DropAfterRequest);
        using var flaky = new HtmCloudClient(new HtmCloudClientOptions { BaseAddress = proxy.Address, ApiKey = direct.Options.ApiKey, MaxRetries = 0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => flaky.Records.SendAsync(model.Id, Samples.Records(5)));

        Assert.That(proxy.Connections, Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_RetriedAfterADroppedConnection_TakesTheRetrysNotFound_AsDone()
    {
        // The first attempt deleted the model but its answer was lost; the retry finds nothing to delete.
        using var direct = await ApiSetUp.Api.SignUpAsync();
        var model = await direct.Models.CreateFromTemplateAsync("deleted", Samples.Template, Samples.Options);
        await using var proxy = new FlakyProxy(ApiSetUp.Api.Address, ProxyFault.DropAfterRequest);
        using var flaky = new HtmCloudClient(FastRetries with { BaseAddress = proxy.Address, ApiKey = direct.Options.ApiKey });

        await flaky.Models.DeleteAsync(model.Id);

        Assert.That(proxy.Connections, Is.EqualTo(2));
        Assert.That(await direct.Models.ListAsync(), Is.Empty);
    }
}
