using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Contracts.Webhooks;
using static HtmCloud.Api.Tests.Webhooks.WebhookTestApi;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>
/// Two hosts, one after the other, over one database: what the first left pending, the second delivers. Embedded
/// (in-memory jobs, re-enqueued from the delivery table at start) and PostgreSQL (jobs kept by Hangfire's storage).
/// </summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class WebhookRestartTests(TestStorage storage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task DeliveriesPendingAtShutdown_AreDeliveredAfterRestart_OncePerWebhookId()
    {
        await using var database = await TestDatabase.CreateAsync(storage);
        await using var receiver = await WebhookReceiver.StartAsync();
        var receiverUp = false;
        receiver.Respond = (_, _) => Volatile.Read(ref receiverUp) ? (200, null) : (503, null);
        // A long enough wait between steps that the first host stops before its second step.
        var settings = FastDeliverySettings(retrySchedule: "0,3,3,3,3,3");

        Guid webhook;
        Guid[] ids;
        string apiKey;
        await using (var first = Start(database, settings))
        {
            using var client = first.CreateClient();
            apiKey = await SignUpAsync(client);
            var model = await CreateModelAsync(client);
            webhook = (await RegisterAsync(client, new WebhookRequest { Url = receiver.Url(), Events = [WebhookEvents.RecordProcessed, WebhookEvents.BatchProcessed] })).Id;
            await PostBatchAsync(client, model, 0, 4);
            var pending = await WaitForDeliveriesAsync(client, webhook, d => d.Length == 5 && d.All(x => x.Attempts > 0), Patience, "first step done");
            Assert.That(pending.Select(d => d.Status), Has.All.EqualTo("pending"));
            ids = pending.Select(d => d.Id).ToArray();
        }

        Volatile.Write(ref receiverUp, true);
        await using var second = Start(database, settings);
        using var after = second.CreateClient();
        after.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        var delivered = await WaitForDeliveriesAsync(after, webhook, d => d.All(x => x.Status == "succeeded"), Patience, "all succeeded after restart");
        await Task.Delay(1000); // a second run of a job (Hangfire's and the re-enqueued one) would show up now
        Assert.That(delivered.Select(d => d.Id), Is.EquivalentTo(ids));
        var accepted = receiver.Received.Where(w => w.Accepted).GroupBy(w => w.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(accepted.Keys, Is.EquivalentTo(ids.Select(i => i.ToString())));
        Assert.That(accepted.Values, Has.All.EqualTo(1));
    }

    private static ApiFactory Start(TestDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        var ports = FreePorts.Take(2);
        var all = new Dictionary<string, string?>(ApiHost.TestDefaults);
        foreach (var (key, value) in database.Settings) all[key] = value;
        foreach (var (key, value) in settings) all[key] = value;
        all["Cluster:SiloPort"] = ports[0].ToString();
        all["Cluster:GatewayPort"] = ports[1].ToString();
        var factory = new ApiFactory(all);
        _ = factory.Server;
        return factory;
    }

    private static async Task<string> SignUpAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/v1/signup", new { email = $"restart-{Guid.NewGuid():N}@example.com" });
        var apiKey = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return apiKey;
    }
}
