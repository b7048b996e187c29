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
/// receiver has every webhook-id.
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
        if (postgres is not null)
        {
            Environment.SetEnvironmentVariable("Storage", "Postgres");
            Environment.SetEnvironmentVariable("ConnectionStrings__Postgres", postgres);
        }

        string root = Path.GetFullPath(Path.Combine(Nab.NabCorpus.LocateRoot(), "..", ".."));
        using var receiver = new LoopbackReceiver();
        await using var server = await ApiServerProcess.StartAsync(root);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        Console.WriteLine($"storage: {(postgres is null ? "embedded (SQLite, in-memory Hangfire)" : "PostgreSQL (EF and Hangfire)")}, {Environment.ProcessorCount} cores");

        await SignUpAsync(http);
        var (p50Without, p99Without) = await LatencyAsync(http, await CreateModelAsync(http, "no-webhook"));
        Console.WriteLine($"ingest, 1 record/request, no webhook:           p50 {p50Without:F2} ms, p99 {p99Without:F2} ms");

        await SignUpAsync(http);
        var withHook = await CreateModelAsync(http, "with-webhook");
        await RegisterAsync(http, receiver.Url, "batch.processed");
        var (p50With, p99With) = await LatencyAsync(http, withHook);
        Console.WriteLine($"ingest, 1 record/request, batch.processed hook: p50 {p50With:F2} ms, p99 {p99With:F2} ms ({receiver.Distinct} delivered so far)");

        await SignUpAsync(http);
        var model = await CreateModelAsync(http, "deliveries");
        await RegisterAsync(http, receiver.Url, "record.processed");
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
        if (!await receiver.WaitForAsync(DeliveryRecords, TimeSpan.FromMinutes(10)))
        {
            Console.Error.WriteLine($"only {receiver.Distinct} of {DeliveryRecords} deliveries arrived");
            return 1;
        }

        double total = Stopwatch.GetElapsedTime(start, receiver.LastFirstArrival).TotalSeconds;
        Console.WriteLine($"deliveries: {DeliveryRecords} record.processed in {total:F2} s = {DeliveryRecords / total:F0} deliveries/s " +
                          $"(ingest of {DeliveryRecords} records took {ingested:F2} s, {delivered} delivered by then; receiver saw {receiver.Requests} requests)");
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

    private static async Task RegisterAsync(HttpClient http, string url, string eventType)
    {
        var response = await http.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { eventType } });
        response.EnsureSuccessStatusCode();
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
