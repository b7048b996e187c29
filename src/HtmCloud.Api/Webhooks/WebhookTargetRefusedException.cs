namespace HtmCloud.Api.Webhooks;

/// <summary>The target resolved only to addresses the SSRF guard refuses; no connection was made.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
