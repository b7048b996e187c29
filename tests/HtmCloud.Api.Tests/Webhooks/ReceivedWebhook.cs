using System.Text.Json;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>One request as the receiver saw it, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string ContentType, string Body, int AnsweredStatus)
{
    public bool Accepted => AnsweredStatus is >= 200 and < 300;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;
}
