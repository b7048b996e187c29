using System.CommandLine;
using HtmCloud.Cli.Output;

namespace HtmCloud.Cli.Commands;

/// <summary><c>htmcloud webhooks add|list|deliveries</c>.</summary>
public static class WebhooksCommand
{
    public static Command Create() => new("webhooks", "Webhook endpoints and their deliveries");
}
