using System.Net;
using System.Net.Http.Json;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Api.Webhooks;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static HtmCloud.Api.Tests.Webhooks.WebhookTestApi;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>
/// The SSRF guard with the allow option off (the production default). Refused targets are never connected to:
/// the guard decides before a socket exists, so no packet goes to 10.x or the metadata address.
/// </summary>
[TestFixture(TestStorage.Sqlite)]
public sealed class WebhookSsrfTests(TestStorage storage) : ApiFixture(storage)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(FastDeliverySettings(retrySchedule: "0"))
    {
        ["Webhooks:AllowPrivateNetworks"] = "false",
        // Only so the loopback receiver can be named at all; the guard must still refuse it.
        ["Webhooks:AllowHttp"] = "true",
    };

    [TestCase("http://127.0.0.1:8080/hook")]
    [TestCase("http://10.0.0.7/hook")]
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://[::1]/hook")]
    [TestCase("http://[fd00:ec2::254]/")]
    public async Task RegisteringAPrivateAddress_Is400(string url)
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsJsonAsync("/v1/webhooks", new WebhookRequest { Url = url, Events = [WebhookEvents.BatchProcessed] }, HtmJson.Options);

        var messages = await ProblemAssert.IsValidationProblemAsync(response, "url");
        Assert.That(messages.Single(), Does.Contain("refused"));
    }

    [Test]
    public async Task AHostNameResolvingToLoopback_IsRefusedAtConnectTime_AndTheDeliveryFails()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        // A name passes registration; what it resolves to is judged when connecting (so rebinding cannot help).
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest { Url = receiver.Url(host: "localhost"), Events = [WebhookEvents.BatchProcessed] });

        await PostBatchAsync(tenant.Client, model, 0, 2);

        var delivery = (await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.Length == 1 && d[0].Status == "failed", TimeSpan.FromSeconds(20), "failed"))[0];
        Assert.That(delivery.LastError, Does.StartWith("refused:").And.Contain("127.0.0.1"));
        Assert.That(delivery.Attempts, Is.EqualTo(1), "a refusal is not retried inside the step");
        Assert.That(receiver.Received, Is.Empty);
    }

    [TestCase("127.0.0.1")]
    [TestCase("10.0.0.7")]
    [TestCase("169.254.169.254")]
    public async Task TheWebhookClient_RefusesPrivateAddresses_BeforeConnecting(string address)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = Host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.ClientName);
        var url = new UriBuilder(receiver.Address) { Host = address, Path = "/hook" }.Uri;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(url, new StringContent("{}")));

        Assert.That(error!.InnerException, Is.TypeOf<WebhookTargetRefusedException>());
        Assert.That(receiver.Received, Is.Empty);
    }
}
