using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HtmCloud.Bench.Api;

namespace HtmCloud.Bench.Webhooks;

/// <summary>
/// `webhooks [--postgres CONNECTION]`: the real service as a child process (embedded SQLite and in-memory Hangfire
/// by default; PostgreSQL for both with --postgres) and a receiver on loopback. Measures (1) the latency of
/// single-record ingest requests without any webhook and with a batch.processed webhook, and (2) deliveries per
/// second: record.processed deliveries for records posted in batches of 500, from the first post until the
/// receiver has every webhook-id, and (3) the ingest latency again with a hook to a receiver that takes 2 s to
/// answer (the ingest path must not wait for it).
/// </summary>
internal static class WebhookBenchmark
{
    private const int LatencyRequests = 1000;
    private const int Warmup = 200;
    private const int DeliveryRecords = 10_000;
    private const int DeliveryBatch = 500;

    public static async Task<int> Run(string[] args)
    {
        int pg = Array.IndexOf(args, "--postgres");
        string? postgres = pg >= 0 && pg + 1 < args.Length ? args[pg + 1] : null;
        // The child inherits these: loopback receivers allowed, no rate limit in the way.
        Environment.SetEnvironmentVariable("Webhooks__AllowPrivateNetworks", "true");
        Environment.SetEnvironmentVariable("RateLimits__Burst", "1000000");
        // A database of its own: the app's default file is shared with every other run, and pending deliveries
        // left there by an earlier run would be re-enqueued at start, ahead of this run's.
        string folder = Directory.CreateTempSubdirectory("htmcloud-webhooks-bench-").FullName;
        Environment.SetEnvironmentVariable("ConnectionStrings__Sqlite", $"Data Source={Path.Combine(folder, "bench.db")}");
        if (postgres is not null)
        {
            Environment.SetEnvironmentVariable("Storage", "Postgres");
            Environment.SetEnvironmentVariable("ConnectionStrings__Postgres", postgres);
        }

        string root = Path.GetFullPath(Path.Combine(Nab.NabCorpus.LocateRoot(), "..", ".."));
        using var receiver = new LoopbackReceiver();
        await using var server = await ApiServerProcess.StartAsync(root);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        Console.WriteLine($"storage: {(postgres is null ? "embedded (SQLite, in-memory Hangfire)" : "PostgreSQL (EF and Hangfire)")}, {Environment.ProcessorCount} cores, receiver {receiver.Url}");

        // A first model warms the process up (JIT tiers, pools, SQLite pages) so the phases below compare fairly.
        await SignUpAsync(http);
        await LatencyAsync(http, await CreateModelAsync(http, "warm-up"));
        var (p50Without, p99Without) = await LatencyAsync(http, await CreateModelAsync(http, "no-webhook"));
        Console.WriteLine($"ingest, 1 record/request, no webhook:           p50 {p50Without:F2} ms, p99 {p99Without:F2} ms");

        await SignUpAsync(http);
        var withHook = await CreateModelAsync(http, "with-webhook");
        var batchHook = await RegisterAsync(http, receiver.Url, "batch.processed");
        var (p50With, p99With) = await LatencyAsync(http, withHook);
        Console.WriteLine($"ingest, 1 record/request, batch.processed hook: p50 {p50With:F2} ms, p99 {p99With:F2} ms ({receiver.Distinct} delivered so far; {await StatusAsync(http, batchHook)})");

        await SignUpAsync(http);
        var model = await CreateModelAsync(http, "deliveries");
        var recordHook = await RegisterAsync(http, receiver.Url, "record.processed");
        receiver.Reset();
        long start = Stopwatch.GetTimestamp();
        for (int b = 0; b < DeliveryRecords / DeliveryBatch; b++)
        {
            var records = Enumerable.Range(b * DeliveryBatch, DeliveryBatch).Select(Record).ToArray();
            var response = await http.PostAsJsonAsync($"/v1/models/{model}/records", new { records });
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        }

        double ingested = Stopwatch.GetElapsedTime(start).TotalSeconds;
        int delivered = receiver.Distinct;
        if (!await receiver.WaitForAsync(DeliveryRecords, TimeSpan.FromMinutes(3)))
        {
            Console.Error.WriteLine($"only {receiver.Distinct} of {DeliveryRecords} deliveries arrived; {await StatusAsync(http, recordHook)}");
            return 1;
        }

        double total = Stopwatch.GetElapsedTime(start, receiver.LastFirstArrival).TotalSeconds;
        Console.WriteLine($"deliveries: {DeliveryRecords} record.processed in {total:F2} s = {DeliveryRecords / total:F0} deliveries/s " +
                          $"(ingest of {DeliveryRecords} records took {ingested:F2} s, {delivered} delivered by then; receiver saw {receiver.Requests} requests)");
        await SignUpAsync(http);
        var slowModel = await CreateModelAsync(http, "slow-receiver");
        await RegisterAsync(http, receiver.SlowUrl, "batch.processed");
        var (p50Slow, p99Slow) = await LatencyAsync(http, slowModel);
        Console.WriteLine($"ingest, 1 record/request, hook to a receiver taking {receiver.SlowMilliseconds} ms: p50 {p50Slow:F2} ms, p99 {p99Slow:F2} ms");
        await SignUpAsync(http);
        var (p50Again, p99Again) = await LatencyAsync(http, await CreateModelAsync(http, "no-webhook-again"));
        Console.WriteLine($"ingest, 1 record/request, no webhook (again, last): p50 {p50Again:F2} ms, p99 {p99Again:F2} ms");
        Console.WriteLine($"webhooks p50_slow_receiver_ms={p50Slow:F2} p99_slow_receiver_ms={p99Slow:F2} p50_without_again_ms={p50Again:F2}");
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        Console.WriteLine($"webhooks p50_without_ms={p50Without:F2} p50_with_ms={p50With:F2} p99_without_ms={p99Without:F2} p99_with_ms={p99With:F2} deliveries_per_s={DeliveryRecords / total:F0}");
        return 0;
    }

    private static object Record(int i) => new
    {
        timestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * i),
        value = 50 + 20 * Math.Sin(i * 2 * Math.PI / 288),
    };

    private static async Task SignUpAsync(HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = null;
        var response = await http.PostAsJsonAsync("/v1/signup", new { email = $"bench-{Guid.NewGuid():N}@example.com" });
        response.EnsureSuccessStatusCode();
        var signup = await response.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", signup.GetProperty("apiKey").GetString());
    }

    private static async Task<Guid> CreateModelAsync(HttpClient http, string name)
    {
        var response = await http.PostAsJsonAsync("/v1/models", new { name, template = "scalar-anomaly", templateOptions = new { minimum = 0, maximum = 100 } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> RegisterAsync(HttpClient http, string url, string eventType)
    {
        var response = await http.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { eventType } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    // The newest deliveries' statuses, and an error if any, so a run that went wrong says why.
    private static async Task<string> StatusAsync(HttpClient http, Guid webhook)
    {
        var deliveries = await http.GetFromJsonAsync<JsonElement[]>($"/v1/webhooks/{webhook}/deliveries?limit=500");
        var counts = deliveries!.GroupBy(d => d.GetProperty("status").GetString()).Select(g => $"{g.Key} {g.Count()}");
        var error = deliveries!.Select(d => d.TryGetProperty("lastError", out var e) ? e.GetString() : null).FirstOrDefault(e => e is not null);
        return $"newest 500: {string.Join(", ", counts)}{(error is null ? "" : $"; an error: {error}")}";
    }

    private static async Task<(double P50, double P99)> LatencyAsync(HttpClient http, Guid model)
    {
        var times = new double[LatencyRequests];
        for (int i = -Warmup; i < LatencyRequests; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync($"/v1/models/{model}/records", new { records = new[] { Record(i + Warmup) } });
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            if (i >= 0) times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[LatencyRequests / 2], times[(int)(LatencyRequests * 0.99)]);
    }
}
