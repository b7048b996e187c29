using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Webhooks;
using static HtmCloud.Api.Tests.Webhooks.WebhookTestApi;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>Registering and managing endpoints, tenant isolation, and the operators' dashboard.</summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class WebhooksApiTests(TestStorage storage) : ApiFixture(storage)
{
    private const string AdminKey = "operator-key-for-tests";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(FastDeliverySettings())
    {
        ["Hangfire:AdminKey"] = AdminKey,
    };

    [Test]
    public async Task CreateWebhook_ReturnsTheSecretOnce_AndNeverAgain()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsJsonAsync("/v1/webhooks", new { url = "https://example.com/hook", events = new[] { "batch.processed" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = (await response.Content.ReadFromJsonAsync<CreatedWebhook>(HtmJson.Options))!;
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/webhooks/{created.Id}"));
        Assert.That(created.Secret, Does.StartWith("whsec_"));
        Assert.That(Convert.FromBase64String(created.Secret["whsec_".Length..]), Has.Length.EqualTo(32));
        Assert.That(created.Webhook.Events, Is.EqualTo(new[] { "batch.processed" }));
        Assert.That(created.Webhook.AnomalyThreshold, Is.EqualTo(0.99));
        Assert.That(created.Webhook.Include, Is.Null);
        var secretPart = created.Secret["whsec_".Length..];
        Assert.That(await tenant.Client.GetStringAsync("/v1/webhooks"), Does.Not.Contain(secretPart));
        Assert.That(await tenant.Client.GetStringAsync($"/v1/webhooks/{created.Id}"), Does.Not.Contain(secretPart));
    }

    [TestCase("""{"url":"ftp://example.com/x","events":["batch.processed"]}""", "url")]
    [TestCase("""{"url":"not a url","events":["batch.processed"]}""", "url")]
    [TestCase("""{"url":"https://user:pw@example.com/x","events":["batch.processed"]}""", "url")]
    [TestCase("""{"url":"https://example.com/x","events":[]}""", "events")]
    [TestCase("""{"url":"https://example.com/x","events":["model.exploded"]}""", "events")]
    [TestCase("""{"url":"https://example.com/x","events":[null]}""", "events")]
    [TestCase("""{"url":"https://example.com/x","events":null}""", "events")]
    [TestCase("""{"url":null,"events":["batch.processed"]}""", "url")]
    [TestCase("""{"url":"https://example.com/x","events":["batch.processed"],"include":[null]}""", "include")]
    [TestCase("""{"url":"https://example.com/x","events":["anomaly.detected"],"anomalyThreshold":1.5}""", "anomalyThreshold")]
    [TestCase("""{"url":"https://example.com/x","events":["batch.processed"],"include":["everything"]}""", "include")]
    [TestCase("""{"url":"https://example.com/x","events":["batch.processed"],"modelId":"0b7c4c0e-8f52-4a5e-9a43-4bfb4b1d2a11"}""", "modelId")]
    public async Task CreateWebhook_WithAnInvalidField_Is400NamingIt(string body, string field)
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/webhooks", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Test]
    public async Task UpdateDisableEnableDelete_DoWhatTheySay()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client);
        var created = await RegisterAsync(tenant.Client, new WebhookRequest { Url = "https://example.com/a", Events = [WebhookEvents.BatchProcessed] });

        using var put = await tenant.Client.PutAsJsonAsync($"/v1/webhooks/{created.Id}", new WebhookRequest
        {
            Url = "https://example.com/b", Events = [WebhookEvents.AnomalyDetected, WebhookEvents.RecordProcessed], AnomalyThreshold = 0.5,
            ModelId = model, Include = [WebhookOutputs.ActiveColumns],
        }, HtmJson.Options);
        var updated = (await put.Content.ReadFromJsonAsync<WebhookView>(HtmJson.Options))!;
        using var disable = await tenant.Client.PostAsync($"/v1/webhooks/{created.Id}/disable", null);
        var disabled = (await disable.Content.ReadFromJsonAsync<WebhookView>(HtmJson.Options))!;
        using var enable = await tenant.Client.PostAsync($"/v1/webhooks/{created.Id}/enable", null);
        var enabled = (await enable.Content.ReadFromJsonAsync<WebhookView>(HtmJson.Options))!;
        using var delete = await tenant.Client.DeleteAsync($"/v1/webhooks/{created.Id}");
        using var gone = await tenant.Client.GetAsync($"/v1/webhooks/{created.Id}");

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(updated.Url, Is.EqualTo("https://example.com/b"));
        Assert.That(updated.Events, Is.EqualTo(new[] { "anomaly.detected", "record.processed" }));
        Assert.That((updated.AnomalyThreshold, updated.ModelId), Is.EqualTo((0.5, (Guid?)model)));
        Assert.That(updated.Include, Is.EqualTo(new[] { "activeColumns" }));
        Assert.That((disabled.Enabled, disabled.DisabledReason), Is.EqualTo((false, "disabled by its owner")));
        Assert.That((enabled.Enabled, enabled.DisabledReason), Is.EqualTo((true, (string?)null)));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AnotherTenant_CannotSeeChangeOrRedeliver_AnEndpointOrItsDeliveries()
    {
        var owner = await Host.SignUpAsync();
        var other = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(owner.Client);
        var webhook = await RegisterAsync(owner.Client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.BatchProcessed] });
        await PostBatchAsync(owner.Client, model, 0, 2);
        var delivery = (await WaitForDeliveriesAsync(owner.Client, webhook.Id, d => d.Length == 1 && d[0].Status == "succeeded", Patience, "succeeded"))[0];
        var body = new StringContent("""{"url":"https://example.com/x","events":["batch.processed"]}""", Encoding.UTF8, "application/json");

        var attempts = new Func<Task<HttpResponseMessage>>[]
        {
            () => other.Client.GetAsync($"/v1/webhooks/{webhook.Id}"),
            () => other.Client.PutAsync($"/v1/webhooks/{webhook.Id}", body),
            () => other.Client.PostAsync($"/v1/webhooks/{webhook.Id}/disable", null),
            () => other.Client.PostAsync($"/v1/webhooks/{webhook.Id}/rotate-secret", null),
            () => other.Client.GetAsync($"/v1/webhooks/{webhook.Id}/deliveries"),
            () => other.Client.GetAsync($"/v1/deliveries/{delivery.Id}"),
            () => other.Client.PostAsync($"/v1/deliveries/{delivery.Id}/redeliver", null),
            () => other.Client.DeleteAsync($"/v1/webhooks/{webhook.Id}"),
        };
        foreach (var attempt in attempts)
        {
            using var response = await attempt();
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }

        // Nor can it filter on the owner's model.
        using var filtered = await other.Client.PostAsJsonAsync("/v1/webhooks", new WebhookRequest { Url = "https://example.com/x", Events = [WebhookEvents.BatchProcessed], ModelId = model }, HtmJson.Options);
        await ProblemAssert.IsValidationProblemAsync(filtered, "modelId");
        Assert.That(await other.Client.GetFromJsonAsync<WebhookView[]>("/v1/webhooks", HtmJson.Options), Is.Empty);
        var mine = (await owner.Client.GetFromJsonAsync<WebhookView>($"/v1/webhooks/{webhook.Id}", HtmJson.Options))!;
        Assert.That(mine.Enabled, Is.True);
        Assert.That(await DeliveriesAsync(owner.Client, webhook.Id), Has.Length.EqualTo(1));
        await Task.Delay(300);
        Assert.That(receiver.Received, Has.Count.EqualTo(1), "nothing was redelivered");
    }

    [Test]
    public async Task ListDeliveries_FiltersByStatus_AndRefusesAnUnknownOne()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.RecordProcessed] });
        await PostBatchAsync(tenant.Client, model, 0, 3);
        await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.Length == 3 && d.All(x => x.Status == "succeeded"), Patience, "3 succeeded");

        Assert.That(await DeliveriesAsync(tenant.Client, webhook.Id, "succeeded"), Has.Length.EqualTo(3));
        Assert.That(await DeliveriesAsync(tenant.Client, webhook.Id, "failed"), Is.Empty);
        using var unknown = await tenant.Client.GetAsync($"/v1/webhooks/{webhook.Id}/deliveries?status=lost");
        await ProblemAssert.IsValidationProblemAsync(unknown, "status");
    }

    [Test]
    public async Task Dashboard_OpensForTheAdminKeyOnly_NeverForATenantKey()
    {
        var tenant = await Host.SignUpAsync();
        using var anonymous = Host.CreateClient();
        using var withTenantKey = Host.CreateClient(tenant.ApiKey);
        using var withAdminKey = Host.CreateClient();
        withAdminKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + AdminKey)));

        using var none = await anonymous.GetAsync("/hangfire");
        using var tenantKey = await withTenantKey.GetAsync("/hangfire");
        using var admin = await withAdminKey.GetAsync("/hangfire");

        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(none.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic"));
        Assert.That(tenantKey.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await admin.Content.ReadAsStringAsync(), Does.Contain("HtmCloud jobs"));
    }
}
