using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Api.Webhooks;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Webhooks;
using HtmCloud.Data.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HtmCloud.Api.Tests.Webhooks.WebhookTestApi;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>Deliveries to a real receiver on loopback: signatures, payloads, retries, 410, redelivery, replays.</summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class WebhookDeliveryTests(TestStorage storage) : ApiFixture(storage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected override IReadOnlyDictionary<string, string?> Settings => FastDeliverySettings();

    [Test]
    public async Task StreamedAndBatchedRecords_ReachTheReceiverSigned_WithTheApisSdrsAndScores()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest
        {
            Url = receiver.Url(),
            Events = [WebhookEvents.RecordProcessed, WebhookEvents.BatchProcessed],
        });

        var streamed = await StreamAsync(tenant.Client, model, 0, 12);
        var batched = await PostBatchAsync(tenant.Client, model, 12, 5);

        var api = streamed.Concat(batched).ToArray();
        var received = await receiver.WaitAsync(
            r => r.Count(w => w.Type == WebhookEvents.RecordProcessed) == api.Length && r.Sum(w => w.Type == WebhookEvents.BatchProcessed ? BatchSize(w) : 0) == api.Length,
            Patience, $"{api.Length} record.processed and batches covering {api.Length} records");
        Assert.That(received, Has.All.Matches<ReceivedWebhook>(w => SignatureVerifier.Verifies(webhook.Secret, w!)), "every signature verifies");
        Assert.That(received.Select(w => w.ContentType), Has.All.StartWith("application/json"));
        Assert.That(received.Select(w => w.Id).Distinct().Count(), Is.EqualTo(received.Count), "one webhook-id per delivery");

        var records = received.Where(w => w.Type == WebhookEvents.RecordProcessed)
            .Select(w => w.Json.GetProperty("data")).OrderBy(d => d.GetProperty("result").GetProperty("seq").GetInt64()).ToArray();
        Assert.That(records.Select(d => d.GetProperty("modelId").GetGuid()), Has.All.EqualTo(model));
        for (int i = 0; i < api.Length; i++)
        {
            Assert.That(SameJson(records[i].GetProperty("result"), api[i]), Is.True, $"record {i}: webhook {records[i].GetProperty("result")} vs API {api[i]}");
        }

        Assert.That(api[0].GetProperty("pools").EnumerateObject().First().Value.GetProperty("activeColumns").GetArrayLength(), Is.GreaterThan(0), "the SDRs are there to compare");
        var batchResults = received.Where(w => w.Type == WebhookEvents.BatchProcessed)
            .Select(w => JsonSerializer.Deserialize<WebhookMessage<BatchProcessedData>>(w.Body, HtmJson.Options)!)
            .OrderBy(m => m.Data.FirstSeq)
            .SelectMany(m => m.Data.Results)
            .Select(r => JsonSerializer.SerializeToElement(r, HtmJson.Options))
            .ToArray();
        Assert.That(batchResults.Zip(api).All(pair => SameJson(pair.First, pair.Second)), Is.True, "batch payloads equal the API's results");

        var deliveries = await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.All(x => x.Status == "succeeded"), Patience, "all succeeded");
        Assert.That(deliveries.Select(d => d.Id.ToString()), Is.EquivalentTo(received.Select(w => w.Id)), "webhook-id is the delivery id");
    }

    [Test]
    public async Task ReceiverFailingItsFirstThreeCalls_GetsEveryDeliveryExactlyOncePerWebhookId()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (call, _) => call < 3 ? (503, null) : (200, null);
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest
        {
            Url = receiver.Url(),
            Events = [WebhookEvents.RecordProcessed, WebhookEvents.BatchProcessed],
        });

        await PostBatchAsync(tenant.Client, model, 0, 5);

        var deliveries = await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.Length == 6 && d.All(x => x.Status == "succeeded"), Patience, "6 succeeded");
        await Task.Delay(1500); // any duplicate would show up now: the retry schedule here is a second
        var received = receiver.Received;
        Assert.That(received.Count(w => !w.Accepted), Is.EqualTo(3));
        var accepted = received.Where(w => w.Accepted).GroupBy(w => w.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(accepted.Keys, Is.EquivalentTo(deliveries.Select(d => d.Id.ToString())));
        Assert.That(accepted.Values, Has.All.EqualTo(1), "each webhook-id accepted once");
        Assert.That(deliveries.Sum(d => d.Attempts), Is.EqualTo(received.Count), "every HTTP request is recorded as an attempt");

        var retried = deliveries.First(d => d.Attempts > 1);
        var detail = await DeliveryAsync(tenant.Client, retried.Id);
        Assert.That(detail.Attempts.Select(a => a.StatusCode), Is.EqualTo(Enumerable.Repeat<int?>(503, detail.Attempts.Count - 1).Append(200)));
        Assert.That(detail.Attempts, Has.All.Matches<WebhookAttemptView>(a => a!.LatencyMs >= 0 && a.At > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.That(detail.Attempts.Take(detail.Attempts.Count - 1).Select(a => a.Error), Has.All.EqualTo("HTTP 503").Or.Null);
    }

    [Test]
    public async Task Gone410_DisablesTheEndpoint_AndNothingMoreIsQueued()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => (410, null);
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.BatchProcessed] });

        await PostBatchAsync(tenant.Client, model, 0, 3);

        var deliveries = await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.Length == 1 && d[0].Status == "failed", Patience, "failed");
        Assert.That(deliveries[0].LastStatusCode, Is.EqualTo(410));
        Assert.That(deliveries[0].Attempts, Is.EqualTo(1), "a 410 is not retried");
        var view = (await tenant.Client.GetFromJsonAsync<WebhookView>($"/v1/webhooks/{webhook.Id}", HtmJson.Options))!;
        Assert.That(view.Enabled, Is.False);
        Assert.That(view.DisabledReason, Does.Contain("410"));

        await PostBatchAsync(tenant.Client, model, 3, 3);
        Assert.That(await DeliveriesAsync(tenant.Client, webhook.Id), Has.Length.EqualTo(1), "a disabled endpoint gets no new deliveries");
        Assert.That(receiver.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Redeliver_SendsTheSameSignedMessageAgain()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.BatchProcessed] });
        await PostBatchAsync(tenant.Client, model, 0, 2);
        var delivery = (await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.Length == 1 && d[0].Status == "succeeded", Patience, "succeeded"))[0];

        using var redeliver = await tenant.Client.PostAsync($"/v1/deliveries/{delivery.Id}/redeliver", null);

        Assert.That(redeliver.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await redeliver.Content.ReadAsStringAsync());
        var received = await receiver.WaitAsync(r => r.Count == 2, Patience, "the redelivery");
        Assert.That(received[1].Id, Is.EqualTo(received[0].Id));
        Assert.That(received[1].Body, Is.EqualTo(received[0].Body));
        Assert.That(SignatureVerifier.Verifies(webhook.Secret, received[1]), Is.True);
        var after = await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d[0].Status == "succeeded" && d[0].Attempts == 2, Patience, "succeeded twice");
        Assert.That(after, Has.Length.EqualTo(1));
    }

    [Test]
    public async Task ReplayedBatch_WithTheSameIdempotencyKey_IsNotDeliveredTwice()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.BatchProcessed, WebhookEvents.RecordProcessed] });

        await PostBatchAsync(tenant.Client, model, 0, 3, idempotencyKey: "batch-1");
        await PostBatchAsync(tenant.Client, model, 0, 3, idempotencyKey: "batch-1");

        await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.Length == 4 && d.All(x => x.Status == "succeeded"), Patience, "4 succeeded");
        Assert.That(receiver.Received, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task AnomalyDetected_ReportsRecordsAtTheThreshold_WithOnlyTheIncludedOutputs_OfTheFilteredModel()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        var otherModel = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest
        {
            Url = receiver.Url(),
            Events = [WebhookEvents.AnomalyDetected],
            AnomalyThreshold = 0,
            ModelId = model,
            Include = [],
        });

        var results = await PostBatchAsync(tenant.Client, model, 0, 10);
        await PostBatchAsync(tenant.Client, otherModel, 0, 10);

        var expected = results.Where(r => r.TryGetProperty("anomalyLikelihood", out _)).Select(r => r.GetProperty("seq").GetInt64()).ToArray();
        Assert.That(expected, Is.Not.Empty, "the likelihood starts within the batch");
        var received = await receiver.WaitAsync(r => r.Count >= expected.Length, Patience, $"{expected.Length} anomalies");
        await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.All(x => x.Status == "succeeded"), Patience, "all succeeded");
        var messages = received.Select(w => JsonSerializer.Deserialize<WebhookMessage<AnomalyDetectedData>>(w.Body, HtmJson.Options)!).ToArray();
        Assert.That(messages.Select(m => m.Type), Has.All.EqualTo(WebhookEvents.AnomalyDetected));
        Assert.That(messages.Select(m => m.Data.ModelId), Has.All.EqualTo(model));
        Assert.That(messages.Select(m => m.Data.Result.Seq), Is.EquivalentTo(expected));
        Assert.That(messages.SelectMany(m => m.Data.Result.Pools.Values).Select(p => p.ActiveColumns), Has.All.Null, "include [] sends scores only");
        Assert.That(messages.Select(m => m.Data.Result.AnomalyLikelihood), Has.All.Not.Null);
    }

    [Test]
    public async Task RotatedSecret_OldAndNewBothSign_DuringTheGracePeriod_ThenOnlyTheNew()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.BatchProcessed] });

        using var rotate = await tenant.Client.PostAsJsonAsync($"/v1/webhooks/{webhook.Id}/rotate-secret", new RotateSecretRequest { GracePeriodSeconds = 3600 });
        var rotated = (await rotate.Content.ReadFromJsonAsync<RotatedSecret>(HtmJson.Options))!;
        await PostBatchAsync(tenant.Client, model, 0, 1);
        var during = (await receiver.WaitAsync(r => r.Count == 1, Patience, "a delivery during the grace period"))[0];

        Assert.That(rotated.Secret, Does.StartWith("whsec_").And.Not.EqualTo(webhook.Secret));
        Assert.That(rotated.PreviousSecretExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(59)));
        Assert.That(during.Signature.Split(' '), Has.Length.EqualTo(2));
        Assert.That(SignatureVerifier.Verifies(rotated.Secret, during), Is.True, "the new secret verifies");
        Assert.That(SignatureVerifier.Verifies(webhook.Secret, during), Is.True, "the old secret verifies");

        // Without a body the grace period is the operator's default; zero retires the old secret at once.
        using var again = await tenant.Client.PostAsJsonAsync($"/v1/webhooks/{webhook.Id}/rotate-secret", new RotateSecretRequest { GracePeriodSeconds = 0 });
        var newest = (await again.Content.ReadFromJsonAsync<RotatedSecret>(HtmJson.Options))!;
        await PostBatchAsync(tenant.Client, model, 1, 1);
        var after = (await receiver.WaitAsync(r => r.Count == 2, Patience, "a delivery after the grace period"))[1];
        Assert.That(after.Signature.Split(' '), Has.Length.EqualTo(1));
        Assert.That(SignatureVerifier.Verifies(newest.Secret, after), Is.True);
        Assert.That(SignatureVerifier.Verifies(rotated.Secret, after), Is.False);
    }

    [Test]
    public async Task RetentionJob_DeletesOldFinishedDeliveries_WithTheirAttempts_AndKeepsTheRest()
    {
        var tenant = await Host.SignUpAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = await CreateModelAsync(tenant.Client);
        var webhook = await RegisterAsync(tenant.Client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.RecordProcessed] });
        await PostBatchAsync(tenant.Client, model, 0, 3);
        var deliveries = await WaitForDeliveriesAsync(tenant.Client, webhook.Id, d => d.Length == 3 && d.All(x => x.Status == "succeeded"), Patience, "3 succeeded");
        var old = deliveries[0].Id;
        var longAgo = DateTimeOffset.UtcNow.AddDays(-31);
        await Host.QueryAsync(db => db.Set<WebhookDelivery>().Where(d => d.Id == old).ExecuteUpdateAsync(u => u.SetProperty(d => d.CreatedAt, longAgo)));

        var deleted = await ActivatorUtilities.CreateInstance<DeliverySweeper>(Host.Services).DeleteOldAsync();

        Assert.That(deleted, Is.GreaterThanOrEqualTo(1));
        Assert.That((await DeliveriesAsync(tenant.Client, webhook.Id)).Select(d => d.Id), Is.EquivalentTo(deliveries.Skip(1).Select(d => d.Id)));
        Assert.That(await Host.QueryAsync(db => db.Set<WebhookAttempt>().CountAsync(a => a.DeliveryId == old)), Is.Zero);
    }

    private static int BatchSize(ReceivedWebhook webhook) => webhook.Json.GetProperty("data").GetProperty("results").GetArrayLength();
}
