using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// 1,000 models fed 100 records each, then left idle: every model and pool grain deactivates (after a checkpoint),
/// the managed heap falls back near where it started, and a sample of 50 reactivates on its next records with the
/// results of models that never went idle (a second server, fed the same records without a pause).
/// The host is in-process, so memory is measured after a full, aggressive (decommitting) collection: the managed
/// heap, and the test process's resident memory (VmRSS). The test's own objects are few (results are kept only for
/// the sample).
/// </summary>
[TestFixture(TestStorage.Postgres)]
[TestFixture(TestStorage.Sqlite)]
[NonParallelizable]
public sealed class IdleModelsTests(TestStorage storage) : ApiFixture(storage)
{
    private const int Models = 1000, Records = 100, Sample = 50, NextRecords = 10, IdleSeconds = 20;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Durability:IdleSeconds"] = IdleSeconds.ToString(),
        ["Models:MaxModelsPerTenant"] = "5000",
    };

    // 128 columns × 4 cells over RDSE 100 bits: ~0.1 MB of learned state a model, so 1,000 of them show plainly.
    private static JsonObject Graph() => OnePool(columns: 128, cells: 4, rdseBits: 100, cellSdrs: false);

    [Test]
    public async Task ThousandIdleModels_Deactivate_FreeTheirMemory_AndReactivateIdentically()
    {
        var tenant = await Host.SignUpAsync();
        // Warm up (JIT, pools, caches) with one model that then goes idle like the rest.
        var warm = await CreateModelAsync(tenant.Client, Graph());
        await PostAsync(tenant.Client, warm, Series(Records, seed: -1));
        long baseline = HeapAfterFullGc();
        long rssBaseline = ResidentBytes();

        var clock = Stopwatch.StartNew();
        var ids = new Guid[Models];
        var sampled = new ConcurrentDictionary<int, string[]>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        // Created first, then fed, so the idle clocks of the first and the last model start close together.
        await Parallel.ForEachAsync(Enumerable.Range(0, Models), parallel, async (i, _) => ids[i] = await CreateModelAsync(tenant.Client, Graph(), $"idle-{i}"));
        var created = clock.Elapsed;
        await Parallel.ForEachAsync(Enumerable.Range(0, Models), parallel, async (i, _) =>
        {
            var results = await PostAsync(tenant.Client, ids[i], Series(Records, seed: i), $"first-{i}");
            Assert.That(Seq(results[^1]), Is.EqualTo(Records));
            if (IsSampled(i)) sampled[i] = results;
        });
        var fed = clock.Elapsed;
        int activeModels = await ActivationsAsync(Host.Services, "ModelGrain");
        int activePools = await ActivationsAsync(Host.Services, "PoolGrain");
        long loaded = HeapAfterFullGc();
        long rssLoaded = ResidentBytes();
        Assert.That(activeModels, Is.GreaterThanOrEqualTo(Models), $"all {Models} models are still active when measured (fed in {(fed - created).TotalSeconds:F1} s, idle after {IdleSeconds} s)");
        Assert.That(loaded - baseline, Is.GreaterThan(Models * 50_000L), "the models hold their learned state in memory");

        // Idle: each grain's timer checkpoints it and deactivates it; its pools go with it.
        var deadline = DateTime.UtcNow.AddSeconds(IdleSeconds + 90);
        int stillModels, stillPools;
        while ((stillModels = await ActivationsAsync(Host.Services, "ModelGrain")) + (stillPools = await ActivationsAsync(Host.Services, "PoolGrain")) > 0)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{stillModels} model and {stillPools} pool activations left {IdleSeconds + 90} s after the last record");
            await Task.Delay(250);
        }
        var idleAfter = clock.Elapsed - fed;
        long idle = HeapAfterFullGc();
        long rssIdle = ResidentBytes();
        var checkpointed = await Host.QueryAsync(db => db.Checkpoints.AsNoTracking().Where(c => ids.Contains(c.ModelId)).Select(c => new { c.ModelId, c.Seq, c.Size }).ToListAsync());

        TestContext.Out.WriteLine($"{Models} models created in {created.TotalSeconds:F1} s, fed {Records} records each in {(fed - created).TotalSeconds:F1} s; {activeModels} model + {activePools} pool activations; all deactivated {idleAfter.TotalSeconds:F1} s later");
        TestContext.Out.WriteLine($"GC heap: baseline {Mb(baseline)}, loaded {Mb(loaded)} (+{Mb(loaded - baseline)}), idle {Mb(idle)} ({(idle - baseline) / 1e6:+0;-0} MB against baseline)");
        TestContext.Out.WriteLine($"test process RSS: baseline {Mb(rssBaseline)}, loaded {Mb(rssLoaded)}, idle {Mb(rssIdle)}");
        TestContext.Out.WriteLine($"checkpoints: {checkpointed.Count}, {Mb(checkpointed.Sum(c => c.Size))} in the database");
        Assert.That(idle - baseline, Is.LessThan((loaded - baseline) / 5), "idle models give back at least 80% of the managed memory they took");
        Assert.That(rssIdle - rssBaseline, Is.LessThan((rssLoaded - rssBaseline) / 3), "and the process's resident memory falls back by at least two thirds of what they added");
        Assert.That(checkpointed.Select(c => c.ModelId).Distinct().Count(), Is.EqualTo(Models), "every model checkpointed before it deactivated");
        Assert.That(checkpointed.Select(c => c.Seq).Distinct(), Is.EqualTo(new[] { (long)Records }));

        // Reactivation: the sampled models' next records against models that never went idle, on a second server.
        await using var control = await ApiHost.StartAsync(TestStorage.Sqlite);
        var controlTenant = await control.SignUpAsync();
        await Parallel.ForEachAsync(sampled.Keys, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var next = Series(NextRecords, seed: i, offset: Records);
            var reactivated = await PostAsync(tenant.Client, ids[i], next, $"next-{i}");
            var never = await CreateModelAsync(controlTenant.Client, Graph(), $"control-{i}");
            var controlFirst = await PostAsync(controlTenant.Client, never, Series(Records, seed: i));
            var controlNext = await PostAsync(controlTenant.Client, never, next);
            AssertIdentical(sampled[i], controlFirst, $"model {i}, first {Records} records");
            Assert.That(Seqs(reactivated), Is.EqualTo(Range(Records + 1, Records + NextRecords)), $"model {i}");
            AssertIdentical(reactivated, controlNext, $"model {i} after idle deactivation vs a model never idle");
        });
        Assert.That(sampled, Has.Count.EqualTo(Sample));
    }

    private static bool IsSampled(int i) => i % (Models / Sample) == 7;

    private static long HeapAfterFullGc()
    {
        for (int i = 0; i < 2; i++)
        {
            // Aggressive: compacts everything and gives the freed memory back to the OS, so RSS can show it too.
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        return 0;
    }

    private static string Mb(long bytes) => $"{bytes / 1e6:F0} MB";
}
