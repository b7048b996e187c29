namespace HtmCloud.Data.Webhooks;

/// <summary>The values of <see cref="WebhookDelivery.Status"/>.</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Succeeded, Failed];
}
