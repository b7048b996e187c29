using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Contracts.Webhooks;
using static HtmCloud.Api.Tests.Webhooks.WebhookTestApi;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>
/// Hangfire keeps some state per process (logging, configuration); each host still has its own job storage and
/// activator, so two hosts alive at once in one process each deliver their own webhooks, and one outlives the other.
/// </summary>
public sealed class WebhookHostsInOneProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task TwoHostsAtOnce_EachDeliversItsOwn_AndTheFirstOutlivesTheSecond()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = await ApiHost.StartAsync(TestStorage.Sqlite, FastDeliverySettings());
        var firstTenant = await first.SignUpAsync();
        var firstModel = await CreateModelAsync(firstTenant.Client);
        var firstHook = await RegisterAsync(firstTenant.Client, new WebhookRequest { Url = receiver.Url("/first"), Events = [WebhookEvents.BatchProcessed] });

        await using (var second = await ApiHost.StartAsync(TestStorage.Sqlite, FastDeliverySettings()))
        {
            var secondTenant = await second.SignUpAsync();
            var secondModel = await CreateModelAsync(secondTenant.Client);
            var secondHook = await RegisterAsync(secondTenant.Client, new WebhookRequest { Url = receiver.Url("/second"), Events = [WebhookEvents.BatchProcessed] });

            await PostBatchAsync(firstTenant.Client, firstModel, 0, 2);
            await PostBatchAsync(secondTenant.Client, secondModel, 0, 2);

            await WaitForDeliveriesAsync(firstTenant.Client, firstHook.Id, d => d.Length == 1 && d[0].Status == "succeeded", Patience, "the first host's delivery");
            await WaitForDeliveriesAsync(secondTenant.Client, secondHook.Id, d => d.Length == 1 && d[0].Status == "succeeded", Patience, "the second host's delivery");
        }

        await PostBatchAsync(firstTenant.Client, firstModel, 2, 2);

        await WaitForDeliveriesAsync(firstTenant.Client, firstHook.Id, d => d.Length == 2 && d.All(x => x.Status == "succeeded"), Patience, "the first host, after the second stopped");
        Assert.That(receiver.Received.Select(r => r.Path), Is.EquivalentTo(new[] { "/first", "/second", "/first" }));
        Assert.That(receiver.Received.Where(r => r.Path == "/first").All(r => SignatureVerifier.Verifies(firstHook.Secret, r)), Is.True);
    }
}
