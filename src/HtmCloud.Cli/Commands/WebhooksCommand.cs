using System.CommandLine;
using HtmCloud.Cli.Output;
using HtmCloud.Contracts.Webhooks;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary><c>htmcloud webhooks add|list|deliveries|redeliver</c>.</summary>
public static class WebhooksCommand
{
    public static Command Create() => new("webhooks", "Webhook endpoints and their deliveries")
    {
        Add(), List(), Deliveries(), Redeliver(),
    };

    private static Command Add()
    {
        var url = new Option<string>("--target") { Description = "The receiver's URL (https; http only where the server allows it)", Required = true };
        var events = new Option<string[]>("--event") { Description = $"Event(s) to send: {string.Join(", ", WebhookEvents.All)}; repeat for several", Required = true, AllowMultipleArgumentsPerToken = true };
        var model = new Option<Guid?>("--model") { Description = "Only this model's records (default: every model)" };
        var threshold = new Option<double?>("--threshold") { Description = "For anomaly.detected: the likelihood at or above which a record is sent (default 0.99)" };
        var command = new Command("add", "Register an endpoint; its signing secret is shown this once") { url, events, model, threshold };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var created = await client.Webhooks.CreateAsync(new WebhookRequest
            {
                Url = parse.GetRequiredValue(url),
                Events = parse.GetRequiredValue(events),
                ModelId = parse.GetValue(model),
                AnomalyThreshold = parse.GetValue(threshold),
            }, cancellationToken);
            if (cli.Json)
            {
                cli.WriteJson(created);
                return 0;
            }
            cli.Out.MarkupLineInterpolated($"Webhook [bold]{created.Id}[/] → {created.Webhook.Url} ({string.Join(", ", created.Webhook.Events)})");
            cli.Out.MarkupLineInterpolated($"Signing secret (shown this once): [bold yellow]{created.Secret}[/]");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The account's webhook endpoints");
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var webhooks = await client.Webhooks.ListAsync(cancellationToken);
            if (cli.Json)
            {
                cli.WriteJson(webhooks);
                return 0;
            }
            var table = new Table().AddColumns("Id", "URL", "Events", "Model", "Enabled");
            foreach (var w in webhooks)
                table.AddRow(w.Id.ToString(), Markup.Escape(w.Url), string.Join(", ", w.Events), w.ModelId?.ToString() ?? "all", w.Enabled ? "yes" : Markup.Escape($"no ({w.DisabledReason})"));
            cli.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Deliveries()
    {
        var id = new Argument<Guid>("webhook") { Description = "The webhook's id" };
        var status = new Option<string?>("--status") { Description = "Only pending, succeeded or failed deliveries" };
        status.AcceptOnlyFromAmong("pending", "succeeded", "failed");
        var limit = new Option<int?>("--limit") { Description = "At most this many (1..500, default 100), newest first" };
        var command = new Command("deliveries", "A webhook's deliveries, newest first") { id, status, limit };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var deliveries = await client.Webhooks.ListDeliveriesAsync(parse.GetValue(id), parse.GetValue(status), parse.GetValue(limit), cancellationToken);
            if (cli.Json)
            {
                cli.WriteJson(deliveries);
                return 0;
            }
            var table = new Table().AddColumns("Id", "Event", "Records", "Status", "Attempts", "Last answer", "Created");
            foreach (var d in deliveries)
            {
                string last = d.LastStatusCode?.ToString() ?? d.LastError ?? "";
                table.AddRow(d.Id.ToString(), d.Event, $"{d.FirstSeq}..{d.LastSeq}", d.Status, d.Attempts.ToString(), Markup.Escape(last), d.CreatedAt.ToString("u"));
            }
            cli.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Redeliver()
    {
        var id = new Argument<Guid>("delivery") { Description = "The delivery's id (see 'webhooks deliveries')" };
        var command = new Command("redeliver", "Send a delivery again, with the same webhook-id") { id };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var delivery = await client.Webhooks.RedeliverAsync(parse.GetValue(id), cancellationToken);
            if (cli.Json) cli.WriteJson(delivery);
            else cli.Out.MarkupLineInterpolated($"Delivery {delivery.Id} queued again ({delivery.Status})");
            return 0;
        });
        return command;
    }
}
