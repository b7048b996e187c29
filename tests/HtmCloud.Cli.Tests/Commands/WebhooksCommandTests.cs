using HtmCloud.Cli.Tests.Hosting;
using HtmCloud.Client.Tests.Hosting;
using HtmCloud.Contracts.Webhooks;

namespace HtmCloud.Cli.Tests.Commands;

public sealed class WebhooksCommandTests
{
    [Test]
    public async Task AddListDeliveriesRedeliver_ReachTheReceiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);

        var added = CliUser.Json<CreatedWebhook>(await user.RunAsync("webhooks", "add", "--target", receiver.Url.AbsoluteUri, "--event", "batch.processed", "--model", model.Id.ToString(), "--json"));
        var listed = CliUser.Json<WebhookView[]>(await user.RunAsync("webhooks", "list", "--json"));
        await user.RunAsync("stream", CsvFiles.Write(user.PathOf("a.csv"), 5), "--model", model.Id.ToString());
        await receiver.WaitForAsync(1);
        var deliveries = await WaitForDeliveriesAsync(user, added.Id);
        var redelivered = await user.RunAsync("webhooks", "redeliver", deliveries[0].Id.ToString());
        var calls = await receiver.WaitForAsync(2);

        Assert.That(added.Secret, Does.StartWith("whsec_"));
        Assert.That(listed.Select(w => w.Id), Is.EqualTo(new[] { added.Id }));
        Assert.That(deliveries.Single().Event, Is.EqualTo(WebhookEvents.BatchProcessed));
        Assert.That(redelivered.ExitCode, Is.Zero, redelivered.ToString());
        Assert.That(calls.Select(c => c.Id).Distinct(), Is.EqualTo(new[] { deliveries[0].Id.ToString() }));
    }

    [Test]
    public async Task Deliveries_OfAnUnknownWebhook_Exits4_NamingIt()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var unknown = Guid.NewGuid();

        var result = await user.RunAsync("webhooks", "deliveries", unknown.ToString());

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StdErr, Does.Contain($"webhook {unknown} not found"));
    }

    private static async Task<WebhookDeliveryView[]> WaitForDeliveriesAsync(CliSandbox user, Guid webhookId)
    {
        for (int i = 0; i < 100; i++)
        {
            var deliveries = CliUser.Json<WebhookDeliveryView[]>(await user.RunAsync("webhooks", "deliveries", webhookId.ToString(), "--status", "succeeded", "--json"));
            if (deliveries.Length > 0) return deliveries;
            await Task.Delay(100);
        }
        Assert.Fail("no delivery succeeded");
        return [];
    }
}
