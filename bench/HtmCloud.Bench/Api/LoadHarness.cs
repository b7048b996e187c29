using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using static HtmCloud.Bench.BenchArgs;

namespace HtmCloud.Bench.Api;

/// <summary>
/// `load [--seconds 120] [--models 100]`: two real server nodes on loopback (<c>Cluster=Redis</c>, one PostgreSQL;
/// <see cref="PrivateServices"/>), each model placed on node m % 2 by its first batch, then one client per model
/// streaming batches of <see cref="BatchSize"/> records to its node for the given time. Every
/// <see cref="Interval"/>: records/s, request latency p50/p99 and each node's resident memory. Then a 65,536-column
/// pool in 4 shards over the two nodes against 16,384 columns whole and in 2 shards through the same nodes, and
/// the 65,536-column pool whole in-process (the graph caps keep one grain at 16,384 columns).
/// </summary>
internal static class LoadHarness
{
    private const int BatchSize = 10, ModelsPerTenant = 100, ShardBatches = 8;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static async Task<int> Run(string[] args)
    {
        int seconds = Option(args, "--seconds", 120), models = Option(args, "--models", 100);
        if (seconds is < 10 or > 900 || models is < 2 or > 1000) throw new ArgumentException("--seconds 10..900, --models 2..1000");
        string root = Path.GetFullPath(Path.Combine(Nab.NabCorpus.LocateRoot(), "..", ".."));
        Console.WriteLine($"load: {models} models × {seconds} s on two Cluster=Redis nodes, batches of {BatchSize}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        await using var services = await PrivateServices.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Cluster"] = "Redis",
            ["ConnectionStrings__Redis"] = services.Redis,
            ["Cluster__ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Storage"] = "Postgres",
            ["ConnectionStrings__Postgres"] = services.Postgres,
        };
        // One after the other: two `dotnet run` builds of one project at once would collide.
        await using var first = await ApiServerProcess.StartAsync(root, settings: settings);
        await using var second = await ApiServerProcess.StartAsync(root, settings: settings);
        ApiServerProcess[] nodes = [first, second];
        HttpClient[] clients = nodes.Select(n => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = n.Address, Timeout = TimeSpan.FromMinutes(5) }).ToArray();
        try
        {
            Console.WriteLine($"  nodes ready; RSS {first.ServerResidentMb:F0} / {second.ServerResidentMb:F0} MB");
            var keys = new string[(models + ModelsPerTenant - 1) / ModelsPerTenant];
            for (int t = 0; t < keys.Length; t++) keys[t] = await ShardsApiHarness.SignUpAsync(clients[0]);
            var ids = new Guid[models];
            // Created and placed a few at a time: model m's first batch activates it on node m % 2.
            await Parallel.ForEachAsync(Enumerable.Range(0, models), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (m, _) =>
            {
                ids[m] = await CreateAsync(clients[m % 2], keys[m / ModelsPerTenant], $"load-{m}");
                await PostAsync(clients[m % 2], keys[m / ModelsPerTenant], ids[m], 0);
            });
            Console.WriteLine($"  {models} models created and placed; RSS {first.ServerResidentMb:F0} / {second.ServerResidentMb:F0} MB");
            await StreamAsync(clients, nodes, keys, ids, TimeSpan.FromSeconds(seconds));

            // The sharded pool, on a tenant of its own (the load tenants are full).
            string shardKey = await ShardsApiHarness.SignUpAsync(clients[0]);
            Console.WriteLine($"  after the stream: RSS {first.ServerResidentMb:F0} / {second.ServerResidentMb:F0} MB, threads {first.ServerThreads} / {second.ServerThreads}");
            using var a = Authorized(first, shardKey);
            using var b = Authorized(second, shardKey);
            Console.WriteLine($"sharded pools through both nodes (batches of 50 alternating, {ShardBatches} timed after 2), load average {LoadAverage()}:");
            double whole16 = await ShardsApiHarness.MeasureAsync(a, b, 16_384, 8, 328, null, ShardBatches);
            double two16 = await ShardsApiHarness.MeasureAsync(a, b, 16_384, 8, 328, 2, ShardBatches);
            double four65 = await ShardsApiHarness.MeasureAsync(a, b, 65_536, 8, 1_310, 4, ShardBatches);
            double inProcess = ShardsHarness.WholeMedianMs(records: 2 * 50 + ShardBatches * 50, warmUp: 100);
            Console.WriteLine($"  65,536 columns whole, in-process (no HTTP, no grains)  per record p50 {inProcess:F2} ms");
            Console.WriteLine($"load shards whole16_ms={whole16:F3} shards2_16_ms={two16:F3} shards4_65_ms={four65:F3} whole65_inprocess_ms={inProcess:F3} load_average={LoadAverage()}");
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
        return 0;
    }

    private static async Task StreamAsync(HttpClient[] clients, ApiServerProcess[] nodes, string[] keys, Guid[] ids, TimeSpan duration)
    {
        var latencies = new List<double>();
        var window = new List<double>();
        var gate = new Lock();
        long records = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        var streams = ids.Select((id, m) => Task.Run(async () =>
        {
            for (int batch = 1; clock.Elapsed < duration; batch++)
            {
                long start = Stopwatch.GetTimestamp();
                bool ok = await PostAsync(clients[m % 2], keys[m / ModelsPerTenant], id, batch, throwOnError: false);
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
                Interlocked.Add(ref records, BatchSize);
                lock (gate) window.Add(ms);
            }
        })).ToArray();

        Console.WriteLine("  time   records/s   p50 ms   p99 ms   RSS node 1   RSS node 2   threads   load");
        var perInterval = new List<double>();
        var rss = new List<(double A, double B)>();
        long seen = 0;
        var all = Task.WhenAll(streams);
        for (int tick = 1; !all.IsCompleted; tick++)
        {
            await Task.WhenAny(all, Task.Delay(Interval * tick - clock.Elapsed is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero));
            List<double> batch;
            lock (gate) (batch, window) = (window, []);
            latencies.AddRange(batch);
            long now = Interlocked.Read(ref records);
            double elapsed = Math.Min(clock.Elapsed.TotalSeconds, tick * Interval.TotalSeconds) - (tick - 1) * Interval.TotalSeconds;
            double rate = (now - seen) / Math.Max(elapsed, 1e-3);
            seen = now;
            var memory = (nodes[0].ServerResidentMb, nodes[1].ServerResidentMb);
            rss.Add(memory);
            if (elapsed < Interval.TotalSeconds / 2) continue; // the stub after the last full interval: requests in flight at the end
            perInterval.Add(rate);
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,4:F0} s {rate,10:F0} {Percentiles.Of(batch, 0.5),8:F1} {Percentiles.Of(batch, 0.99),8:F1} {memory.Item1,9:F0} MB {memory.Item2,9:F0} MB   {nodes[0].ServerThreads}/{nodes[1].ServerThreads}   {LoadAverage()}");
        }
        await all;
        double total = Interlocked.Read(ref records) / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {Interlocked.Read(ref records):N0} records in {clock.Elapsed.TotalSeconds:F0} s: {total:F0} records/s (median of {Interval.TotalSeconds:F0} s intervals {Percentiles.Of(perInterval, 0.5):F0}), {errors} failed requests");
        Console.WriteLine($"  request latency (batch of {BatchSize}) over the run: p50 {Percentiles.Of(latencies, 0.5):F1} ms, p99 {Percentiles.Of(latencies, 0.99):F1} ms, {latencies.Count:N0} requests");
        Console.WriteLine($"load models={ids.Length} seconds={duration.TotalSeconds:F0} records_per_s={total:F0} median_interval_records_per_s={Percentiles.Of(perInterval, 0.5):F0} p50_ms={Percentiles.Of(latencies, 0.5):F2} p99_ms={Percentiles.Of(latencies, 0.99):F2} rss1_max_mb={rss.Max(r => r.A):F0} rss2_max_mb={rss.Max(r => r.B):F0} errors={errors}");
    }

    private static async Task<Guid> CreateAsync(HttpClient http, string key, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models") { Content = JsonContent.Create(new { name, template = "scalar-anomaly", templateOptions = new { minimum = 0, maximum = 100 } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<bool> PostAsync(HttpClient http, string key, Guid model, int batch, bool throwOnError = true)
    {
        var records = Enumerable.Range(batch * BatchSize, BatchSize).Select(i => new
        {
            timestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * i),
            value = 50 + 20 * Math.Sin(i * 2 * Math.PI / 288) + (i * 7919 % 13) / 13.0,
        }).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{model}/records") { Content = JsonContent.Create(new { records }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        if (response.IsSuccessStatusCode) return true;
        string why = $"records: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        if (throwOnError) throw new InvalidOperationException(why);
        Console.Error.WriteLine(why);
        return false;
    }

    private static HttpClient Authorized(ApiServerProcess node, string key)
    {
        var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
