using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HtmCloud.Bench.Api;

/// <summary>
/// `shards-api`: per-record time of sharded pools through the service on two nodes (two server processes on
/// loopback, one SQLite database, the second silo joined to the first; column shards are placed round-robin over
/// both). Batches of 50 records alternate between the nodes; per record = batch time / 50. Pools within the graph
/// caps: 16,384 columns whole and in 2 and 4 shards, and 65,536 columns in 4 and 8 shards.
/// </summary>
internal static class ShardsApiHarness
{
    private const int BatchSize = 50, WarmUpBatches = 2;

    public static async Task<int> Run(string[] args)
    {
        int batches = args.Length > 0 ? int.Parse(args[0]) : 8;
        string root = Path.GetFullPath(Path.Combine(Nab.NabCorpus.LocateRoot(), "..", ".."));
        await using var first = await ApiServerProcess.StartAsync(root);
        await using var second = await ApiServerProcess.StartAsync(root, join: first);
        using var a = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromMinutes(5) };
        using var b = new HttpClient { BaseAddress = second.Address, Timeout = TimeSpan.FromMinutes(5) };
        string key = await SignUpAsync(a);
        foreach (var client in new[] { a, b }) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Console.WriteLine($"shards-api: two nodes, batches of {BatchSize}, {batches} timed batches after {WarmUpBatches}");
        foreach (var (columns, cells, active, shards) in new (int, int, int, int?)[] { (16_384, 8, 328, null), (16_384, 8, 328, 2), (16_384, 8, 328, 4), (65_536, 8, 1_310, 4), (65_536, 8, 1_310, 8) })
            await MeasureAsync(a, b, columns, cells, active, shards, batches);
        return 0;
    }

    /// <summary>One pool through both nodes (batches alternate, after <see cref="WarmUpBatches"/>); prints and returns the median per-record ms.</summary>
    public static async Task<double> MeasureAsync(HttpClient a, HttpClient b, int columns, int cells, int active, int? shards, int batches)
    {
        var id = await CreateAsync(a, Graph(columns, cells, active, shards));
        var perRecord = new List<double>();
        for (int batch = 0; batch < WarmUpBatches + batches; batch++)
        {
            var records = Enumerable.Range(batch * BatchSize, BatchSize).Select(Record).ToArray();
            var clock = Stopwatch.StartNew();
            var response = await (batch % 2 == 0 ? a : b).PostAsJsonAsync($"/v1/models/{id}/records", new { records });
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"records: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (batch >= WarmUpBatches) perRecord.Add(clock.Elapsed.TotalMilliseconds / BatchSize);
        }
        perRecord.Sort();
        double median = perRecord[perRecord.Count / 2];
        string name = $"{columns:N0} columns, {(shards is int n ? $"{n} shards" : "whole")}";
        Console.WriteLine($"  {name,-28} per record p50 {median:F2} ms (batches: {string.Join(", ", perRecord.Select(t => t.ToString("F2")))})");
        Console.WriteLine($"shards-api columns={columns} shards={shards?.ToString() ?? "0"} per_record_ms={median:F3}");
        return median;
    }

    public static async Task<string> SignUpAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/v1/signup", new { email = $"bench-{Guid.NewGuid():N}@example.com" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }

    public static async Task<Guid> CreateAsync(HttpClient http, JsonObject graph)
    {
        var response = await http.PostAsJsonAsync("/v1/models", new JsonObject { ["name"] = "shards", ["graph"] = graph });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    // The shards bench's pool (RDSE + time of day, potentialPct 0.2, 8 cells) at a given size.
    private static JsonObject Graph(int columns, int cells, int active, int? shards)
    {
        var pool = new JsonObject
        {
            ["name"] = "main",
            ["encoders"] = new JsonArray(
                new JsonObject { ["name"] = "value", ["rdse"] = new JsonObject { ["size"] = 400, ["activeBits"] = 21, ["resolution"] = 1 } },
                new JsonObject { ["name"] = "timestamp", ["dateTime"] = new JsonObject { ["timeOfDayWidth"] = 21, ["timeOfDayRadius"] = 9.49 } }),
            ["spatialPooler"] = new JsonObject { ["columnDimensions"] = new JsonArray(columns), ["numActiveColumnsPerInhArea"] = active, ["potentialPct"] = 0.2, ["synPermConnected"] = 0.2 },
            ["temporalMemory"] = new JsonObject { ["cellsPerColumn"] = cells, ["activationThreshold"] = 12, ["minThreshold"] = 10, ["maxSegmentsPerCell"] = 32, ["maxSynapsesPerSegment"] = 32 },
        };
        if (shards is int n) pool["shards"] = n;
        return new JsonObject
        {
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "timestamp", ["type"] = "dateTime" }, new JsonObject { ["name"] = "value", ["type"] = "number" }),
            ["pools"] = new JsonArray(pool),
            ["outputs"] = new JsonObject { ["activeColumns"] = true },
            ["timestampField"] = "timestamp",
        };
    }

    private static object Record(int i) => new
    {
        timestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * i),
        value = 50 + 30 * Math.Sin(i * 2 * Math.PI / 288) + (i * 7919 % 13) / 13.0 * 4,
    };
}
