namespace HtmCloud.Contracts.Webhooks;

/// <summary>A new endpoint and its signing secret (<c>whsec_</c> + base64), shown this once.</summary>
public sealed record CreatedWebhook(Guid Id, string Secret, WebhookView Webhook);
