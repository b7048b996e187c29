namespace HtmCloud.Contracts.Webhooks;

/// <summary>
/// The body of every callback, in the Standard Webhooks shape:
/// <c>{"type":"batch.processed","timestamp":"2026-…Z","data":{…}}</c>.
/// </summary>
public sealed record WebhookMessage<TData>(string Type, DateTimeOffset Timestamp, TData Data);
