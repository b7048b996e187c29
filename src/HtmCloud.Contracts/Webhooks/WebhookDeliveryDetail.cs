using System.Text.Json;

namespace HtmCloud.Contracts.Webhooks;

/// <summary>A delivery with every attempt, oldest first, and the exact JSON body it sends.</summary>
public sealed record WebhookDeliveryDetail(WebhookDeliveryView Delivery, IReadOnlyList<WebhookAttemptView> Attempts, JsonElement Payload);
