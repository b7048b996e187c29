using System.Net;
using System.Text.Json;
using HtmCloud.Client.Errors;
using HtmCloud.Client.Tests.Hosting;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Webhooks;

namespace HtmCloud.Client.Tests.Webhooks;

public sealed class WebhooksClientTests
{
    [Test]
    public async Task CreateListGetUpdateDisableEnableRotateDelete_ManageTheEndpoint()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var request = new WebhookRequest { Url = "http://127.0.0.1:9/hook", Events = [WebhookEvents.BatchProcessed] };

        var created = await client.Webhooks.CreateAsync(request);
        var listed = await client.Webhooks.ListAsync();
        var updated = await client.Webhooks.UpdateAsync(created.Id, request with { Events = [WebhookEvents.AnomalyDetected], AnomalyThreshold = 0.9 });
        var disabled = await client.Webhooks.DisableAsync(created.Id);
        var enabled = await client.Webhooks.EnableAsync(created.Id);
        var rotated = await client.Webhooks.RotateSecretAsync(created.Id, gracePeriodSeconds: 60);
        var fetched = await client.Webhooks.GetAsync(created.Id);
        await client.Webhooks.DeleteAsync(created.Id);

        Assert.That(created.Secret, Does.StartWith("whsec_"));
        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { created.Id }));
        Assert.That(updated.Events, Is.EqualTo(new[] { WebhookEvents.AnomalyDetected }));
        Assert.That(updated.AnomalyThreshold, Is.EqualTo(0.9));
        Assert.That((disabled.Enabled, enabled.Enabled), Is.EqualTo((false, true)));
        Assert.That(rotated.Secret, Does.StartWith("whsec_").And.Not.EqualTo(created.Secret));
        Assert.That(fetched.PreviousSecretExpiresAt, Is.EqualTo(rotated.PreviousSecretExpiresAt));
        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Webhooks.GetAsync(created.Id)))!;
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Create_WithNoEvents_Throws400_NamingTheField()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Webhooks.CreateAsync(new WebhookRequest { Url = "http://127.0.0.1:9/hook" })))!;

        Assert.That(error.Errors.Keys, Does.Contain("events"));
    }

    [Test]
    public async Task Deliveries_ListGetAndRedeliver_ReachTheReceiver_WithTheSameWebhookId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        var webhook = await client.Webhooks.CreateAsync(new WebhookRequest { Url = receiver.Url.AbsoluteUri, Events = [WebhookEvents.BatchProcessed], ModelId = model.Id });

        var sent = await client.Records.SendAsync(model.Id, Samples.Records(5));
        var first = await receiver.WaitForAsync(1);
        var delivery = await WaitForStatusAsync(client, webhook.Id, "succeeded");
        var detail = await client.Webhooks.GetDeliveryAsync(delivery.Id);
        var redelivered = await client.Webhooks.RedeliverAsync(delivery.Id);
        var calls = await receiver.WaitForAsync(2);

        Assert.That(first[0].Id, Is.EqualTo(delivery.Id.ToString()));
        Assert.That((delivery.FirstSeq, delivery.LastSeq), Is.EqualTo((1L, 5L)));
        Assert.That(detail.Attempts.Select(a => a.StatusCode), Has.Some.EqualTo(200));
        var payload = detail.Payload.Deserialize<WebhookMessage<BatchProcessedData>>(HtmJson.Options)!;
        Assert.That(ResultJson.Of(payload.Data.Results), Is.EqualTo(ResultJson.Of(sent.Results)));
        Assert.That(redelivered.Status, Is.EqualTo("pending"));
        Assert.That(calls.Select(c => c.Id), Is.EqualTo(new[] { delivery.Id.ToString(), delivery.Id.ToString() }));
    }

    private static async Task<WebhookDeliveryView> WaitForStatusAsync(HtmCloudClient client, Guid webhookId, string status)
    {
        for (int i = 0; i < 150; i++)
        {
            var deliveries = await client.Webhooks.ListDeliveriesAsync(webhookId, status);
            if (deliveries.Length > 0) return deliveries[0];
            await Task.Delay(100);
        }
        Assert.Fail($"no delivery became {status}");
        return null!;
    }
}
