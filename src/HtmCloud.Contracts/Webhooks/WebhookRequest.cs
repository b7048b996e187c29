namespace HtmCloud.Contracts.Webhooks;

/// <summary>
/// Registers (POST) or replaces (PUT) an endpoint:
/// <c>{"url":"https://example.com/hook","events":["batch.processed"],"modelId":null,"include":["activeColumns"]}</c>.
/// </summary>
public sealed record WebhookRequest
{
    /// <summary>An absolute https URL (http only where the operator allows it).</summary>
    public string Url { get; init; } = "";

    /// <summary>One or more of <see cref="WebhookEvents.All"/>.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>For <c>anomaly.detected</c>: the likelihood (0..1) at or above which a record is reported; default 0.99.</summary>
    public double? AnomalyThreshold { get; init; }

    /// <summary>Only this model's records; absent = every model of the tenant.</summary>
    public Guid? ModelId { get; init; }

    /// <summary>Per-pool outputs to send (<see cref="WebhookOutputs.All"/>); absent = all the API returns, empty = scores only.</summary>
    public IReadOnlyList<string>? Include { get; init; }
}
