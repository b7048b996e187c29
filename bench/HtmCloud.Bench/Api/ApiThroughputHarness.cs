using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;

namespace HtmCloud.Bench.Api;

/// <summary>
/// `api`: records per second through HTTP on loopback (batches of 100, 10 and 100 models of the scalar-anomaly
/// template) against the same models run in-process on as many threads as cores, and p50/p99 latency of
/// single-record requests. The service runs as a real child process on the embedded SQLite default.
/// </summary>
internal static class ApiThroughputHarness
{
    private const int BatchSize = 100;
    private const int WarmUpModels = 4, WarmUpBatches = 60;

    public static async Task<int> Run(string[] args)
    {
        string root = Path.GetFullPath(Path.Combine(Nab.NabCorpus.LocateRoot(), "..", ".."));
        await using var server = await ApiServerProcess.StartAsync(root);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        // Both sides first run a throwaway model so the figures are the steady state a long-running service sees
        // (JIT tiering done), not the first seconds of a fresh process.
        await SignUpAsync(http);
        var warmUp = new List<Guid>();
        for (int m = 0; m < WarmUpModels; m++) warmUp.Add(await CreateModelAsync(http, $"warm-up-{m}"));
        await ThroughApiAsync(http, warmUp, WarmUpBatches);
        await DeleteModelsAsync(http, warmUp);
        InProcess(WarmUpModels, WarmUpBatches);
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        int rounds = BenchArgs.Option(args, "--rounds", 1);
        for (int round = 1; round <= rounds; round++)
        foreach (var (models, batches) in new[] { (10, 10), (100, 3) })
        {
            if (rounds > 1 && models == 10) Console.WriteLine($"round {round} of {rounds}");
            await SignUpAsync(http);
            var ids = new List<Guid>();
            for (int m = 0; m < models; m++) ids.Add(await CreateModelAsync(http, $"bench-{models}-{m}"));
            double serverCpu = server.CpuSeconds, clientCpu = OwnCpuSeconds();
            double api = await ThroughApiAsync(http, ids, batches);
            serverCpu = server.CpuSeconds - serverCpu;
            clientCpu = OwnCpuSeconds() - clientCpu;
            await DeleteModelsAsync(http, ids);
            double localCpu = OwnCpuSeconds();
            double local = InProcess(models, batches);
            localCpu = OwnCpuSeconds() - localCpu;
            int records = models * batches * BatchSize;
            ratios.Add(api / local);
            cpuRatios.Add(localCpu / serverCpu);
            Console.WriteLine($"{models} models × {batches * BatchSize} records: API {api:F0} records/s, in-process {local:F0} records/s, ratio {api / local:F2}");
            Console.WriteLine($"  CPU per record: service {1e3 * serverCpu / records:F3} ms (client {1e3 * clientCpu / records:F3} ms), in-process {1e3 * localCpu / records:F3} ms, ratio {localCpu / serverCpu:F2}");
        }
        await SignUpAsync(http);
        var (p50, p99) = await SingleRecordLatencyAsync(http, await CreateModelAsync(http, "latency"), 1000);
        Console.WriteLine($"single-record requests: p50 {p50:F2} ms, p99 {p99:F2} ms (1,000 sequential requests after 200 warm-up)");
        // Rounds alternate 10 and 100 models; the median over rounds is the figure, the shared machine moves single rounds.
        double Median(List<double> values, int scenario) => Percentiles.Of(values.Where((_, i) => i % 2 == scenario).ToArray(), 0.5);
        Console.WriteLine($"api ratio10={Median(ratios, 0):F2} ratio100={Median(ratios, 1):F2} cpu10={Median(cpuRatios, 0):F2} cpu100={Median(cpuRatios, 1):F2} p50_ms={p50:F2} p99_ms={p99:F2} (medians over {rounds} round(s))");
        return 0;
    }

    // A tenant per scenario keeps each under the per-tenant model cap.
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

    private static object Record(int i) => new
    {
        timestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * i),
        value = Value(i),
    };

    private static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Value(int i) => 50 + 20 * Math.Sin(i * 2 * Math.PI / 288) + (i * 7919 % 13) / 13.0;

    // Every model gets its batches in order; models run concurrently, a few requests in flight per core.
    private static async Task<double> ThroughApiAsync(HttpClient http, List<Guid> ids, int batches)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(ids.Count, 4 * Environment.ProcessorCount) }, async (id, ct) =>
        {
            for (int b = 0; b < batches; b++)
            {
                var records = Enumerable.Range(b * BatchSize, BatchSize).Select(Record).ToArray();
                var response = await http.PostAsJsonAsync($"/v1/models/{id}/records", new { records }, ct);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(ct);
            }
        });
        return ids.Count * batches * BatchSize / clock.Elapsed.TotalSeconds;
    }

    // A scenario's models stay in memory until it ends on both sides (dropping each after its records would let the
    // next reuse its memory, which the service cannot do); afterwards both release them (the API side by DELETE).
    private static double InProcess(int models, int batches)
    {
        var parameters = ScalarAnomalyTemplate.Parameters(0, 100);
        var live = new HtmModel[models];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, models, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, m =>
        {
            var model = live[m] = new HtmModel(parameters);
            var record = new FieldValue[2];
            for (int i = 0; i < batches * BatchSize; i++)
            {
                record[0] = Value(i);
                record[1] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * i);
                model.Compute(record);
            }
        });
        double rate = models * batches * BatchSize / clock.Elapsed.TotalSeconds;
        GC.KeepAlive(live);
        return rate;
    }

    // Untimed: a model deleted through the API leaves memory, as the in-process side's models do after a scenario.
    private static async Task DeleteModelsAsync(HttpClient http, List<Guid> ids) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            (await http.DeleteAsync($"/v1/models/{id}", ct)).EnsureSuccessStatusCode());

    private static async Task<(double P50, double P99)> SingleRecordLatencyAsync(HttpClient http, Guid id, int count)
    {
        var times = new double[count];
        for (int i = -200; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync($"/v1/models/{id}/records", new { records = new[] { Record(i + 200) } });
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            if (i >= 0) times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return (Percentiles.Of(times, 0.5), Percentiles.Of(times, 0.99));
    }
}
