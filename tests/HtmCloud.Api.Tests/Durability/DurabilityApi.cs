using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HtmCloud.Contracts.Tenants;
using HtmCloud.Grains.Models;
using Microsoft.Extensions.DependencyInjection;
using HtmCloud.Api.Tests.Hosting;
using Npgsql;
using Orleans.Runtime;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// What the durability tests share: small graphs, deterministic record series, the records, checkpoints and
/// export calls over HTTP (any HttpClient: in-process host or server process), and forced grain deactivation.
/// </summary>
public static class DurabilityApi
{
    public const string ExportContentType = "application/vnd.htmcloud.model";

    public static readonly DateTime Start = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// One pool over <c>timestamp</c> + <c>value</c>: 256 columns × 8 cells, RDSE 200 bits; every SDR and the
    /// predictor in the results, so "identical" covers the whole state that shows.
    /// </summary>
    public static JsonObject OnePool(int columns = 256, int cells = 8, int rdseBits = 200, double potentialPct = 0.5, bool cellSdrs = true, bool requireIncreasingTimestamps = true) => Parse($$"""
        {
          "fields": [ { "name": "timestamp", "type": "dateTime" }, { "name": "value", "type": "number" } ],
          "pools": [ {
            "name": "main",
            "encoders": [ { "name": "value", "rdse": { "size": {{rdseBits}}, "activeBits": 11, "resolution": 1, "seed": 5 } },
                          { "name": "timestamp", "dateTime": { "timeOfDayWidth": 11, "timeOfDayRadius": 4 } } ],
            "spatialPooler": { "columnDimensions": [{{columns}}], "numActiveColumnsPerInhArea": 10, "potentialPct": {{potentialPct.ToString(CultureInfo.InvariantCulture)}}, "seed": 7 },
            "temporalMemory": { "cellsPerColumn": {{cells}}, "activationThreshold": 6, "minThreshold": 4, "maxNewSynapseCount": 10, "seed": 9 },
            "likelihood": { "learningPeriod": 30, "estimationSamples": 30, "reestimationPeriod": 20 },
            "predictor": { "steps": [1] }
          } ],
          "outputs": { "activeColumns": true, "activeCells": {{Flag(cellSdrs)}}, "winnerCells": {{Flag(cellSdrs)}}, "predictiveCells": {{Flag(cellSdrs)}}, "predictions": true },
          "timestampField": "timestamp",
          "requireIncreasingTimestamps": {{Flag(requireIncreasingTimestamps)}}
        }
        """);

    /// <summary>
    /// Pools "a" and "b" in group "g" (each sees the other's previous winner cells, state a checkpoint must carry)
    /// and "c" fed by a's active columns. Fields <c>timestamp</c>, <c>value</c> (both groups read it).
    /// </summary>
    public static JsonObject GroupAndHierarchy() => Parse("""
        {
          "fields": [ { "name": "timestamp", "type": "dateTime" }, { "name": "value", "type": "number" } ],
          "pools": [
            {
              "name": "a", "group": "g",
              "encoders": [ { "name": "value", "rdse": { "size": 200, "activeBits": 11, "resolution": 1, "seed": 3 } },
                            { "name": "timestamp", "dateTime": { "timeOfDayWidth": 11, "timeOfDayRadius": 4 } } ],
              "spatialPooler": { "columnDimensions": [256], "numActiveColumnsPerInhArea": 10, "potentialPct": 0.5, "seed": 11 },
              "temporalMemory": { "cellsPerColumn": 8, "activationThreshold": 6, "minThreshold": 4, "maxNewSynapseCount": 10, "seed": 12 },
              "likelihood": { "learningPeriod": 40, "estimationSamples": 40, "reestimationPeriod": 25 },
              "predictor": { "steps": [1, 3] }
            },
            {
              "name": "b", "group": "g",
              "encoders": [ { "name": "value", "rdse": { "size": 200, "activeBits": 11, "resolution": 0.5, "seed": 4 } } ],
              "spatialPooler": { "columnDimensions": [192], "numActiveColumnsPerInhArea": 8, "seed": 21 },
              "temporalMemory": { "cellsPerColumn": 6, "activationThreshold": 5, "minThreshold": 3, "maxNewSynapseCount": 8, "seed": 22 },
              "likelihood": { "learningPeriod": 30, "estimationSamples": 30, "reestimationPeriod": 20 }
            },
            {
              "name": "c", "input": { "pool": "a", "kind": "activeColumns" },
              "spatialPooler": { "columnDimensions": [128], "numActiveColumnsPerInhArea": 6, "potentialPct": 0.4, "seed": 31 },
              "temporalMemory": { "cellsPerColumn": 4, "activationThreshold": 4, "minThreshold": 3, "maxNewSynapseCount": 6, "seed": 32 },
              "likelihood": { "learningPeriod": 30, "estimationSamples": 30, "reestimationPeriod": 20 }
            }
          ],
          "outputs": { "activeColumns": true, "activeCells": true, "winnerCells": true, "predictiveCells": true, "predictions": true, "anomalyPool": "b" },
          "timestampField": "timestamp",
          "requireIncreasingTimestamps": true
        }
        """);

    public static JsonObject CreateRequest(JsonNode graph, string name = "durable") => new() { ["name"] = name, ["graph"] = graph };

    /// <summary>
    /// <paramref name="count"/> records from step <paramref name="offset"/>, one every 5 minutes: a daily wave with
    /// noise and a few spikes. The same (seed, step) always gives the same record, so a series can be split anywhere.
    /// </summary>
    public static JsonObject[] Series(int count, int seed = 1, int offset = 0)
    {
        var records = new JsonObject[count];
        for (int i = 0; i < count; i++)
        {
            int step = offset + i;
            var random = new Random(unchecked(seed * 1_000_003 + step));
            double value = 50 + 30 * Math.Sin(step * 2 * Math.PI / 48) + random.NextDouble() * 6;
            if (random.Next(60) == 0) value = 95 + random.NextDouble() * 5;
            records[i] = new JsonObject
            {
                ["timestamp"] = Start.AddMinutes(5 * step).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["value"] = Math.Round(Math.Clamp(value, 0, 100), 3),
            };
        }
        return records;
    }

    public static IEnumerable<JsonObject[]> Batches(JsonObject[] records, int size) => records.Chunk(size);

    /// <summary>Signs up over HTTP (works against any server) and returns the API key.</summary>
    public static async Task<string> SignUpAsync(HttpClient anonymous)
    {
        using var response = await anonymous.PostAsJsonAsync("/v1/signup", new SignupRequest($"durable-{Guid.NewGuid():N}@example.com"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonSerializer.Deserialize<SignupResponse>(body, JsonSerializerOptions.Web)!.ApiKey;
    }

    public static async Task<Guid> CreateModelAsync(HttpClient client, JsonNode graph, string name = "durable")
    {
        using var response = await client.PostAsync("/v1/models", Json(CreateRequest(graph, name).ToJsonString()));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static HttpRequestMessage RecordsRequest(Guid model, IEnumerable<JsonObject> records, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{model}/records")
        {
            Content = Json(new JsonObject { ["records"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray()) }.ToJsonString()),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>POSTs one JSON batch; returns each result's raw JSON (seq included). Fails the test unless 200.</summary>
    public static async Task<string[]> PostAsync(HttpClient client, Guid model, IEnumerable<JsonObject> records, string? idempotencyKey = null)
    {
        using var request = RecordsRequest(model, records, idempotencyKey);
        using var response = await client.SendAsync(request);
        return await ResultsAsync(response);
    }

    public static async Task<string[]> ResultsAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetRawText()).ToArray();
    }

    /// <summary>Streams records in batches (each with key <c>{keyPrefix}{index}</c> when a prefix is given); all results in order.</summary>
    public static async Task<List<string>> FeedAsync(HttpClient client, Guid model, JsonObject[] records, int batchSize, string? keyPrefix = null)
    {
        var results = new List<string>(records.Length);
        int index = 0;
        foreach (var batch in Batches(records, batchSize))
            results.AddRange(await PostAsync(client, model, batch, keyPrefix is null ? null : $"{keyPrefix}{index++}"));
        return results;
    }

    public static long Seq(string result) => JsonDocument.Parse(result).RootElement.GetProperty("seq").GetInt64();

    public static long[] Seqs(IEnumerable<string> results) => results.Select(Seq).ToArray();

    public static long[] Range(long from, long to) => Enumerable.Range(0, (int)(to - from + 1)).Select(i => from + i).ToArray();

    /// <summary>Asserts two result lists are the same, naming the first differing seq (NUnit's diff of 1,000 strings is unreadable).</summary>
    public static void AssertIdentical(IReadOnlyList<string> actual, IReadOnlyList<string> expected, string what)
    {
        for (int i = 0; i < Math.Min(actual.Count, expected.Count); i++)
            if (actual[i] != expected[i])
                Assert.Fail($"{what}: result {i} differs.\n  expected: {Shorten(expected[i])}\n  actual:   {Shorten(actual[i])}");
        Assert.That(actual.Count, Is.EqualTo(expected.Count), $"{what}: number of results");
    }

    public static async Task<long> RecordsProcessedAsync(HttpClient client, Guid model)
    {
        using var response = await client.GetAsync($"/v1/models/{model}/state");
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("recordsProcessed").GetInt64();
    }

    /// <summary>POST checkpoints: 201 with the view (id, seq, size, createdAt).</summary>
    public static async Task<JsonElement> CheckpointAsync(HttpClient client, Guid model)
    {
        using var response = await client.PostAsync($"/v1/models/{model}/checkpoints", null);
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement[]> ListCheckpointsAsync(HttpClient client, Guid model)
    {
        using var response = await client.GetAsync($"/v1/models/{model}/checkpoints");
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static Task<HttpResponseMessage> RestoreAsync(HttpClient client, Guid model, Guid checkpoint, bool? confirm)
    {
        var body = new JsonObject { ["checkpointId"] = checkpoint.ToString() };
        if (confirm is { } c) body["confirm"] = c;
        return client.PostAsync($"/v1/models/{model}/restore", Json(body.ToJsonString()));
    }

    public static async Task<byte[]> ExportAsync(HttpClient client, Guid model)
    {
        using var response = await client.GetAsync($"/v1/models/{model}/export");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(ExportContentType));
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(ExportContentType);
        return client.PostAsync("/v1/models/import", content);
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>
    /// Forces the model grain to deactivate (after a checkpoint when asked: without, the next activation replays
    /// the log) and waits until the silo no longer holds an activation of it.
    /// </summary>
    public static async Task DeactivateAsync(IServiceProvider services, Guid model, bool checkpoint)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IModelGrain>(model);
        await grain.DeactivateAsync(checkpoint);
        await WaitUntilGoneAsync(services, grain.GetGrainId(), $"model {model}");
    }

    /// <summary>Waits until the silo no longer lists an activation of the grain (deactivation finishes after the call).</summary>
    public static async Task WaitUntilGoneAsync(IServiceProvider services, GrainId id, string what)
    {
        var management = services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == id))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what} is still active 15 s after it was told to deactivate");
            await Task.Delay(20);
        }
    }

    /// <summary>Activations of a grain class in the silo (e.g. "ModelGrain", "PoolGrain").</summary>
    public static async Task<int> ActivationsAsync(IServiceProvider services, string grainClass)
    {
        var management = services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(grainClass, StringComparison.OrdinalIgnoreCase)).Sum(s => s.ActivationCount);
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>True when the model's logged batches (those not yet trimmed by a checkpoint) follow each other without overlap or gap.</summary>
    public static async Task<bool> LogIsContiguousAsync(TestDatabase database, Guid model)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT first_seq, count FROM input_log WHERE model_id = @model ORDER BY first_seq", connection);
        command.Parameters.AddWithValue("model", model);
        await using var reader = await command.ExecuteReaderAsync();
        long next = -1;
        while (await reader.ReadAsync())
        {
            long first = reader.GetInt64(0);
            int count = reader.GetInt32(1);
            if (next >= 0 && first != next) return false;
            next = first + count;
        }
        return true;
    }
}
