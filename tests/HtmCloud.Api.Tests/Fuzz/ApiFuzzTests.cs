using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Api.Tests.Models;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Fuzz;

/// <summary>
/// Seeded random input to the models and records endpoints (mutated graphs, template requests, record batches
/// and NDJSON streams) and random bytes to every POST endpoint. Whatever comes in, the answer is 2xx, or 4xx
/// with a ProblemDetails body; never 5xx; and the service is still alive afterwards.
/// </summary>
[TestFixture(TestStorage.Sqlite, 20261125, 2_000)]
[TestFixture(TestStorage.Postgres, 20261126, 2_000)]
public sealed class ApiFuzzTests(TestStorage storage, int seed, int requests) : ApiFixture(storage)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);

    private readonly Dictionary<string, int> _counts = [];
    private readonly List<string> _failures = [];
    private Random _random = null!;
    private JsonMutator _mutator = null!;
    private int _sent;

    [Test]
    public async Task RandomInput_IsAnswered2xxOr4xxProblem_NeverServerError_AndTheServiceStaysUp()
    {
        _random = new Random(seed);
        _mutator = new JsonMutator(_random);
        var tenant = await Host.SignUpAsync();
        var client = tenant.Client;
        var ordered = await CreateSmallAsync(client);
        var unordered = await CreateSmallAsync(client, requireIncreasingTimestamps: false);
        var grouped = await CreateAsync(client, TestGraphs.CreateRequest(TestGraphs.GroupAndHierarchy()));
        var postPaths = await PostPathsAsync(client, ordered);
        int step = 0, fedModels = 0;
        var clock = Stopwatch.StartNew();

        while (_sent < requests && clock.Elapsed < Budget)
        {
            switch (_random.Next(20))
            {
                case < 6: // a mutated graph; a model it creates is fed a few records (when small) and deleted
                {
                    var request = TestGraphs.CreateRequest(_random.Next(3) == 0 ? TestGraphs.GroupAndHierarchy() : TestGraphs.Small(), _mutator.RandomString());
                    if (_random.Next(2) != 0) request["name"] = "fuzz";
                    // One mutation half the time, so a good share of graphs stays valid and is run, fed and deleted.
                    var (status, body) = await SendAsync(client, HttpMethod.Post, "/v1/models", _mutator.Mutate(request, _random.Next(2) == 0 ? 1 : 3), "application/json", "graph");
                    if (status == HttpStatusCode.Created) fedModels += await UseAndDeleteAsync(client, body, fedModels < 150);
                    break;
                }
                case 6: // a mutated template request
                {
                    var request = TestGraphs.TemplateRequest(_random.Next(2) == 0 ? "scalar-anomaly" : "multi-field-group",
                        new JsonObject { ["minimum"] = 0, ["maximum"] = 100, ["probationaryRecords"] = 100, ["seed"] = 3 });
                    var (status, body) = await SendAsync(client, HttpMethod.Post, "/v1/models", _mutator.Mutate(request), "application/json", "template");
                    if (status == HttpStatusCode.Created) await UseAndDeleteAsync(client, body, feed: false);
                    break;
                }
                case < 11: // a mutated JSON batch of records
                {
                    var model = _random.Next(3) switch { 0 => ordered, 1 => unordered, _ => grouped };
                    var batch = new JsonObject { ["records"] = new JsonArray(Batch(model == grouped, _random.Next(1, 12), ref step)) };
                    string? key = _random.Next(4) == 0 ? _mutator.RandomString() : null;
                    await SendAsync(client, HttpMethod.Post, $"/v1/models/{model}/records", _mutator.Mutate(batch), "application/json", "records", key);
                    break;
                }
                case < 14: // an NDJSON stream with mutated lines
                {
                    var model = _random.Next(2) == 0 ? ordered : unordered;
                    var lines = Batch(false, _random.Next(1, 15), ref step).Select(r => _random.Next(4) == 0 ? _mutator.Mutate(r!, 2) : r!.ToJsonString());
                    string text = string.Join(_random.Next(3) == 0 ? "\r\n" : "\n", lines) + (_random.Next(2) == 0 ? "\n" : "");
                    await SendAsync(client, HttpMethod.Post, $"/v1/models/{model}/records", text, Ndjson, "ndjson");
                    break;
                }
                case < 18: // random bytes to a POST endpoint, under any content type
                {
                    string path = postPaths[_random.Next(postPaths.Length)];
                    string? type = new[] { "application/json", Ndjson, "text/plain", "application/octet-stream", "application/json; charset=utf-16", "application/x-www-form-urlencoded", null }[_random.Next(7)];
                    await SendAsync(client, HttpMethod.Post, path, RandomBytes(), type, "bytes");
                    break;
                }
                default: // truncated or bit-flipped valid JSON
                {
                    var valid = Encoding.UTF8.GetBytes(_random.Next(2) == 0
                        ? TestGraphs.CreateRequest(TestGraphs.Small()).ToJsonString()
                        : new JsonObject { ["records"] = new JsonArray(Batch(false, 3, ref step)) }.ToJsonString());
                    if (_random.Next(2) == 0) valid = valid[..(valid.Length * _random.Next(100) / 100)];
                    else for (int i = _random.Next(1, 5); i > 0; i--) valid[_random.Next(valid.Length)] ^= (byte)(1 << _random.Next(8));
                    string path = _random.Next(2) == 0 ? "/v1/models" : $"/v1/models/{unordered}/records";
                    await SendAsync(client, HttpMethod.Post, path, valid, "application/json", "corrupt");
                    break;
                }
            }
        }

        using var live = await Host.CreateClient().GetAsync("/health/live");
        using var state = await client.GetAsync($"/v1/models/{grouped}/state");
        string summary = $"{Storage}: {_sent} requests in {clock.Elapsed.TotalSeconds:F1} s (seed {seed}), {fedModels} fuzzed models fed; by kind and status: "
            + string.Join(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));
        TestContext.Out.WriteLine(summary);
        TestContext.Progress.WriteLine(summary);
        Assert.That(_failures, Is.Empty, string.Join("\n\n", _failures.Take(8)));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(state.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the models still answer");
        Assert.That(_sent, Is.GreaterThanOrEqualTo(Math.Min(requests, 800)), "the budget allowed a meaningful number of requests");
    }

    // Records for the small graphs (timestamp + value) or the grouped one (timestamp + cpu + memory), later each time.
    private JsonNode?[] Batch(bool grouped, int count, ref int step)
    {
        var records = new JsonNode?[count];
        for (int i = 0; i < count; i++, step++)
        {
            var record = new JsonObject { ["timestamp"] = Timestamp(Start.AddMinutes(step)) };
            if (grouped)
            {
                record["cpu"] = Math.Round(_random.NextDouble() * 100, 2);
                record["memory"] = Math.Round(_random.NextDouble() * 50, 2);
            }
            else record["value"] = Math.Round(_random.NextDouble() * 100, 2);
            records[i] = record;
        }
        return records;
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(5) == 0 ? _random.Next(2_000, 40_000) : _random.Next(0, 300)];
        _random.NextBytes(bytes);
        if (_random.Next(3) == 0 && bytes.Length > 0) bytes[0] = (byte)"{[\"n"[_random.Next(4)];
        return bytes;
    }

    // A created model: read, state and state.png; small ones are also fed a batch and a stream; then deleted.
    private async Task<int> UseAndDeleteAsync(HttpClient client, string created, bool feed)
    {
        var view = JsonDocument.Parse(created).RootElement;
        var id = view.GetProperty("id").GetGuid();
        int fed = 0;
        await SendAsync(client, HttpMethod.Get, $"/v1/models/{id}", (byte[]?)null, null, "created");
        if (feed && IsSmall(view.GetProperty("graph")))
        {
            var fields = view.GetProperty("graph").GetProperty("fields").EnumerateArray().ToArray();
            var records = new JsonArray(Enumerable.Range(0, 3).Select(i => (JsonNode)RecordFor(fields, i)).ToArray());
            await SendAsync(client, HttpMethod.Post, $"/v1/models/{id}/records", new JsonObject { ["records"] = records }.ToJsonString(), "application/json", "created");
            await SendAsync(client, HttpMethod.Post, $"/v1/models/{id}/records", RecordFor(fields, 3).ToJsonString() + "\n", Ndjson, "created");
            await SendAsync(client, HttpMethod.Get, $"/v1/models/{id}/state", (byte[]?)null, null, "created");
            await SendAsync(client, HttpMethod.Get, $"/v1/models/{id}/state.png", (byte[]?)null, null, "created");
            fed = 1;
        }
        await SendAsync(client, HttpMethod.Delete, $"/v1/models/{id}", (byte[]?)null, null, "created");
        return fed;
    }

    // Few enough columns, cells and encoder bits that running it takes milliseconds.
    private static bool IsSmall(JsonElement graph)
    {
        foreach (var pool in graph.GetProperty("pools").EnumerateArray())
        {
            long columns = pool.GetProperty("spatialPooler").GetProperty("columnDimensions").EnumerateArray().Aggregate(1L, (a, d) => a * d.GetInt64());
            long cells = columns * pool.GetProperty("temporalMemory").GetProperty("cellsPerColumn").GetInt64();
            long bits = pool.GetProperty("encoders").EnumerateArray().Sum(e => e.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("size", out _))
                .Sum(p => p.Value.GetProperty("size").GetInt64()));
            if (columns > 2_048 || cells > 40_000 || bits > 4_000) return false;
        }
        return true;
    }

    private static JsonObject RecordFor(JsonElement[] fields, int i)
    {
        var record = new JsonObject();
        foreach (var field in fields)
        {
            string name = field.GetProperty("name").GetString()!;
            record[name] = field.GetProperty("type").GetString() switch
            {
                "number" => 10.0 + i,
                "dateTime" => Timestamp(Start.AddMinutes(i)),
                _ => "v" + i,
            };
        }
        return record;
    }

    // Every POST route of the API's OpenAPI document, route parameters filled (the model's id where it fits).
    private static async Task<string[]> PostPathsAsync(HttpClient client, Guid model)
    {
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var posts = paths.EnumerateObject().Where(p => p.Value.TryGetProperty("post", out _))
            .Select(p => System.Text.RegularExpressions.Regex.Replace(p.Name, "\\{[^}]+\\}", m => m.Value == "{id}" && p.Name.StartsWith("/v1/models/", StringComparison.Ordinal) ? model.ToString() : Guid.NewGuid().ToString()))
            .ToArray();
        Assert.That(posts, Does.Contain("/v1/models").And.Contain("/v1/signup").And.Contain($"/v1/models/{model}/records"));
        return posts;
    }

    private Task<(HttpStatusCode, string)> SendAsync(HttpClient client, HttpMethod method, string path, string? body, string? contentType, string kind, string? idempotencyKey = null) =>
        SendAsync(client, method, path, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, kind, idempotencyKey);

    private async Task<(HttpStatusCode, string)> SendAsync(HttpClient client, HttpMethod method, string path, byte[]? body, string? contentType, string kind, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", new string(idempotencyKey.Where(c => c is >= ' ' and < (char)127).ToArray()));
        _sent++;
        HttpStatusCode status;
        string text;
        string? mediaType;
        try
        {
            using var response = await client.SendAsync(request);
            status = response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            text = mediaType == "image/png" ? "" : await response.Content.ReadAsStringAsync();
        }
        catch (Exception e)
        {
            // The test server hands the client what escaped the app (after an NDJSON answer had started, say).
            Fail(kind, "exception", path, body, e.ToString());
            return (0, "");
        }
        int code = (int)status;
        string bucket = $"{kind}:{code}";
        _counts[bucket] = _counts.GetValueOrDefault(bucket) + 1;
        if (code >= 500 || code < 200)
            Fail(kind, code.ToString(), path, body, text);
        else if (code >= 400 && !IsProblem(mediaType, text, code))
            Fail(kind, $"{code} without a ProblemDetails body ({mediaType})", path, body, text);
        else if (mediaType == Ndjson && !IsWholeNdjson(text))
            Fail(kind, "NDJSON answer cut short or malformed", path, body, text);
        return (status, text);
    }

    private static bool IsProblem(string? mediaType, string text, int code)
    {
        if (mediaType != "application/problem+json") return false;
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            return problem.TryGetProperty("status", out var status) && status.GetInt32() == code && problem.TryGetProperty("title", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Every line a JSON object; only the last may be an error.
    private static bool IsWholeNdjson(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) return false;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < lines.Length; i++)
        {
            try
            {
                var line = JsonDocument.Parse(lines[i]).RootElement;
                if (line.TryGetProperty("error", out _) != (i == lines.Length - 1 && line.TryGetProperty("error", out _))) return false;
                if (!line.TryGetProperty("error", out _) && !line.TryGetProperty("seq", out _)) return false;
            }
            catch (JsonException)
            {
                return false;
            }
        }
        return true;
    }

    private void Fail(string kind, string what, string path, byte[]? body, string answer)
    {
        string sent = body is null ? "" : Encoding.UTF8.GetString(body);
        if (sent.Length > 1_500) sent = sent[..1_500] + "…";
        if (answer.Length > 1_500) answer = answer[..1_500] + "…";
        _failures.Add($"[{kind}] {what} on POST/GET {path}\nsent: {sent}\ngot: {answer}");
    }
}
