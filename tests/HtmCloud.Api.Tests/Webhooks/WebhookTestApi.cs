using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Webhooks;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>The calls the webhook tests make, as a client makes them.</summary>
public static class WebhookTestApi
{
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The settings of a host whose deliveries go to a loopback receiver and retry within seconds.</summary>
    public static Dictionary<string, string?> FastDeliverySettings(string retrySchedule = "0,1,1,1,1") => new()
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:RetrySchedule"] = retrySchedule,
        ["Webhooks:HttpRetries"] = "2",
        ["Webhooks:HttpRetryDelayMilliseconds"] = "20",
        ["Webhooks:AttemptTimeoutSeconds"] = "5",
        ["Hangfire:SchedulePollingIntervalMilliseconds"] = "100",
        ["Hangfire:QueuePollIntervalMilliseconds"] = "100",
        ["Logging:LogLevel:Hangfire"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Critical",
    };

    /// <summary>A scalar-anomaly model whose likelihood starts after four records.</summary>
    public static async Task<Guid> CreateModelAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/v1/models", new
        {
            name = "webhooks",
            template = "scalar-anomaly",
            templateOptions = new { minimum = 0, maximum = 100, probationaryRecords = 4 },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task<CreatedWebhook> RegisterAsync(HttpClient client, WebhookRequest request)
    {
        using var response = await client.PostAsJsonAsync("/v1/webhooks", request, HtmJson.Options);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonSerializer.Deserialize<CreatedWebhook>(body, HtmJson.Options)!;
    }

    public static object Record(int i) => new { timestamp = Start.AddMinutes(5 * i), value = 50 + 20 * Math.Sin(i / 3.0) };

    /// <summary>POSTs a JSON batch of records <paramref name="first"/>.. and returns the API's results.</summary>
    public static async Task<JsonElement[]> PostBatchAsync(HttpClient client, Guid model, int first, int count, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{model}/records")
        {
            Content = JsonContent.Create(new { records = Enumerable.Range(first, count).Select(Record).ToArray() }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>Streams records <paramref name="first"/>.. as NDJSON and returns the result lines.</summary>
    public static async Task<JsonElement[]> StreamAsync(HttpClient client, Guid model, int first, int count)
    {
        var lines = Enumerable.Range(first, count).Select(i => JsonSerializer.Serialize(Record(i)) + "\n");
        var content = new StringContent(string.Concat(lines), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync($"/v1/models/{model}/records", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
    }

    public static async Task<WebhookDeliveryView[]> DeliveriesAsync(HttpClient client, Guid webhook, string? status = null)
    {
        var url = $"/v1/webhooks/{webhook}/deliveries?limit=500" + (status is null ? "" : $"&status={status}");
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonSerializer.Deserialize<WebhookDeliveryView[]>(body, HtmJson.Options)!;
    }

    public static async Task<WebhookDeliveryDetail> DeliveryAsync(HttpClient client, Guid delivery)
    {
        using var response = await client.GetAsync($"/v1/deliveries/{delivery}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonSerializer.Deserialize<WebhookDeliveryDetail>(body, HtmJson.Options)!;
    }

    /// <summary>Polls the endpoint's deliveries until <paramref name="condition"/> holds, or fails the test.</summary>
    public static async Task<WebhookDeliveryView[]> WaitForDeliveriesAsync(
        HttpClient client, Guid webhook, Func<WebhookDeliveryView[], bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var deliveries = await DeliveriesAsync(client, webhook);
            if (condition(deliveries)) return deliveries;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"deliveries did not reach '{what}' within {timeout.TotalSeconds} s: " +
                            string.Join("; ", deliveries.Select(d => $"{d.Event} {d.Status} attempts={d.Attempts} error={d.LastError}")));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>JSON equality by value, whatever the property order.</summary>
    public static bool SameJson(JsonElement a, JsonElement b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(b.GetRawText()));
}
