using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HtmCloud.Api.Tests.Models;

/// <summary>Calls to the models and records endpoints as a client makes them: JSON text over real HTTP.</summary>
public static class ModelApi
{
    public const string Ndjson = "application/x-ndjson";

    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Creates a model and returns its id; fails the test unless the answer is 201 with a Location.</summary>
    public static async Task<Guid> CreateAsync(HttpClient client, JsonNode request)
    {
        using var response = await client.PostAsync("/v1/models", Json(request));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/models/{id}"));
        return id;
    }

    /// <summary>Creates a model from <see cref="TestGraphs.Small"/>.</summary>
    public static Task<Guid> CreateSmallAsync(HttpClient client, bool requireIncreasingTimestamps = true) =>
        CreateAsync(client, TestGraphs.CreateRequest(TestGraphs.Small(requireIncreasingTimestamps)));

    /// <summary>POSTs <c>{"records":[…]}</c>, optionally with an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> PostRecordsAsync(HttpClient client, Guid model, IEnumerable<JsonObject> records, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{model}/records")
        {
            Content = Json(new JsonObject { ["records"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray()) }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>POSTs a JSON batch and returns its results; fails the test unless the answer is 200.</summary>
    public static async Task<JsonElement[]> ProcessAsync(HttpClient client, Guid model, IEnumerable<JsonObject> records, string? idempotencyKey = null)
    {
        using var response = await PostRecordsAsync(client, model, records, idempotencyKey);
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>POSTs records as one NDJSON body and returns every response line, parsed.</summary>
    public static async Task<JsonElement[]> ProcessNdjsonAsync(HttpClient client, Guid model, IEnumerable<string> lines)
    {
        var content = new StringContent(string.Concat(lines.Select(l => l + "\n")), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(Ndjson);
        using var response = await client.PostAsync($"/v1/models/{model}/records", content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(Ndjson));
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
    }

    /// <summary>GET state: <c>{"recordsProcessed", "last"}</c>.</summary>
    public static async Task<JsonElement> StateAsync(HttpClient client, Guid model)
    {
        using var response = await client.GetAsync($"/v1/models/{model}/state");
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<long> RecordsProcessedAsync(HttpClient client, Guid model) =>
        (await StateAsync(client, model)).GetProperty("recordsProcessed").GetInt64();

    /// <summary><c>{"timestamp": …, "value": …}</c>.</summary>
    public static JsonObject Record(DateTime timestamp, double value) =>
        new() { ["timestamp"] = Timestamp(timestamp), ["value"] = value };

    public static string Timestamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A daily-ish wave with noise and a few spikes, one record every 5 minutes from <paramref name="from"/>:
    /// values in [0, 100], the same for the same seed.
    /// </summary>
    public static JsonObject[] Series(int count, int seed = 1, DateTime? from = null, int offset = 0)
    {
        var random = new Random(seed);
        var start = from ?? Start;
        var records = new JsonObject[count];
        for (int i = 0; i < count; i++)
        {
            int step = offset + i;
            double value = 50 + 30 * Math.Sin(step * 2 * Math.PI / 48) + random.NextDouble() * 6;
            if (random.Next(60) == 0) value = 95 + random.NextDouble() * 5;
            records[i] = Record(start.AddMinutes(5 * step), Math.Round(Math.Clamp(value, 0, 100), 3));
        }
        return records;
    }

    /// <summary>The <c>seq</c> of each result.</summary>
    public static long[] Seqs(IEnumerable<JsonElement> results) => results.Select(r => r.GetProperty("seq").GetInt64()).ToArray();

    /// <summary>seq from..to inclusive.</summary>
    public static long[] Range(long from, long to) => Enumerable.Range(0, (int)(to - from + 1)).Select(i => from + i).ToArray();
}
