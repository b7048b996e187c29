using System.Diagnostics;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;

using static HtmCloud.Bench.BenchArgs;

namespace HtmCloud.Bench.Durability;

/// <summary>
/// What durability costs per model, in-process (no database): checkpoint size, save time (engine snapshot plus
/// the checkpoint container, CRC included) and load time (container check, a fresh model, engine load), for the
/// anchor-size model and for the scalar-anomaly template; and replay speed (log payload decode + compute, learning
/// on) from a checkpoint of the template, with a check that replay ends byte-identical to the live model.
/// <c>checkpoint [--runs N] [--warm N] [--replay N]</c>; medians of N runs (default 5).
/// </summary>
internal static class CheckpointBenchmark
{
    private const int BatchSize = 50;

    public static int Run(string[] args)
    {
        int runs = Option(args, "--runs", 5), warm = Option(args, "--warm", 5_000), replay = Option(args, "--replay", 5_000);

        // Anchor-size model: the anchor workload's SP and TM (1000-bit input, 2048 columns × 32 cells) in an HtmModel,
        // after the anchor's 10,000 learning steps.
        var anchorParameters = new HtmModelParameters
        {
            InputSize = AnchorHarness.InputSize,
            SpatialPooler = AnchorHarness.SpatialPooler,
            TemporalMemory = AnchorHarness.TemporalMemory,
            Likelihood = null,
        };
        var anchor = new HtmModel(anchorParameters);
        var patterns = AnchorHarness.MakePatterns(seed: 7);
        for (int step = 0; step < AnchorHarness.Steps; step++) anchor.Compute(patterns[step % AnchorHarness.Patterns], double.NaN, true, default, default);
        var anchorFigures = Measure(anchor, anchorParameters, runs);

        // The scalar-anomaly template (what the API's template builds), after `warm` records of a noisy daily wave.
        var templateParameters = ScalarAnomalyTemplate.Parameters(0, 100);
        var live = new HtmModel(templateParameters);
        var records = Series(warm + replay);
        for (int i = 0; i < warm; i++) live.Compute(records[i]);
        var templateFigures = Measure(live, templateParameters, runs);
        byte[] checkpoint = CheckpointOf(live, warm);

        // The log after the checkpoint: `replay` records in batches of 50, as the grain appends them.
        var log = records[warm..].Chunk(BatchSize).Select(batch => LoggedBatchFormat.Encode(2, batch.SelectMany(r => r).ToArray())).ToArray();
        var liveTimes = Stopwatch.StartNew();
        for (int i = warm; i < records.Length; i++) live.Compute(records[i]);
        double liveSeconds = liveTimes.Elapsed.TotalSeconds;

        var replaySeconds = new double[runs];
        var decodeSeconds = new double[runs];
        bool identical = true;
        HtmModel? replayed = null;
        for (int run = 0; run < runs; run++)
        {
            replayed = LoadCheckpoint(checkpoint, templateParameters);
            var record = new FieldValue[2];
            long decodeTicks = 0;
            long t0 = Stopwatch.GetTimestamp();
            foreach (var payload in log)
            {
                long d0 = Stopwatch.GetTimestamp();
                var (fields, values) = LoggedBatchFormat.Decode(payload);
                decodeTicks += Stopwatch.GetTimestamp() - d0;
                for (int r = 0; r < values.Length / fields; r++)
                {
                    values.AsSpan(r * fields, fields).CopyTo(record);
                    replayed.Compute(record);
                }
            }
            replaySeconds[run] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            decodeSeconds[run] = decodeTicks / (double)Stopwatch.Frequency;
            identical &= Snapshot(replayed).AsSpan().SequenceEqual(Snapshot(live));
        }
        double replayRate = replay / Percentiles.Of(replaySeconds, 0.5);

        Console.WriteLine($"checkpoint benchmark: in-process, no database; medians of {runs} runs");
        Report("anchor-size model (1000-bit input, SP 2048 columns, TM 32 cells, after 10,000 anchor steps)", anchorFigures);
        Report($"scalar-anomaly template (RDSE 400 + time of day, SP 2048, TM 32, likelihood, after {warm:N0} records)", templateFigures);
        Console.WriteLine($"replay of {replay:N0} logged records (batches of {BatchSize}) from the template's checkpoint, learning on:");
        Console.WriteLine($"  {replayRate:F0} records/s (median {Percentiles.Of(replaySeconds, 0.5):F2} s; payload decode {Percentiles.Of(decodeSeconds, 0.5) * 1000:F1} ms of it); the live model took {liveSeconds:F2} s for the same records");
        Console.WriteLine($"  replayed model byte-identical to the live model: {(identical ? "yes" : "NO")}");
        Console.WriteLine($"checkpoint anchor_mb={anchorFigures.Megabytes:F1} anchor_save_ms={anchorFigures.SaveMs:F0} anchor_load_ms={anchorFigures.LoadMs:F0} " +
            $"template_mb={templateFigures.Megabytes:F1} template_save_ms={templateFigures.SaveMs:F0} template_load_ms={templateFigures.LoadMs:F0} replay_rps={replayRate:F0} identical={identical}");
        GC.KeepAlive(replayed);
        return identical ? 0 : 1;
    }

    private sealed record Figures(double Megabytes, double SaveMs, double EngineSaveMs, double LoadMs, double ConstructMs, double EngineLoadMs);

    // Save = engine snapshot + container (as ModelGrain.CheckpointAsync: pool snapshot inside the model checkpoint);
    // load = container decode + new HtmModel + engine load (as ModelGrain.RestoreLatestAsync + PoolGrain.LoadAsync).
    private static Figures Measure(HtmModel model, HtmModelParameters parameters, int runs)
    {
        var save = new double[runs];
        var engineSave = new double[runs];
        var load = new double[runs];
        var construct = new double[runs];
        var engineLoad = new double[runs];
        byte[] data = [];
        for (int run = 0; run < runs; run++)
        {
            long t0 = Stopwatch.GetTimestamp();
            byte[] snapshot = Snapshot(model);
            engineSave[run] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            data = Container(snapshot, seq: model.Result.Step);
            save[run] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;

            long t1 = Stopwatch.GetTimestamp();
            byte[] pool = Uncontain(data);
            long t2 = Stopwatch.GetTimestamp();
            var fresh = new HtmModel(parameters);
            long t3 = Stopwatch.GetTimestamp();
            fresh.Load(new MemoryStream(pool));
            long t4 = Stopwatch.GetTimestamp();
            load[run] = Ms(t1, t4);
            construct[run] = Ms(t2, t3);
            engineLoad[run] = Ms(t3, t4);
            if (run == 0 && !Snapshot(fresh).AsSpan().SequenceEqual(snapshot)) throw new InvalidOperationException("A loaded checkpoint does not save back to the same bytes.");
        }
        return new Figures(data.Length / 1e6, Percentiles.Of(save, 0.5), Percentiles.Of(engineSave, 0.5), Percentiles.Of(load, 0.5), Percentiles.Of(construct, 0.5), Percentiles.Of(engineLoad, 0.5));
    }

    private static void Report(string what, Figures f)
    {
        Console.WriteLine($"{what}:");
        Console.WriteLine($"  checkpoint {f.Megabytes:F1} MB; save {f.SaveMs:F1} ms (engine snapshot {f.EngineSaveMs:F1} ms); load {f.LoadMs:F1} ms (new model {f.ConstructMs:F1} ms, engine load {f.EngineLoadMs:F1} ms)");
    }

    private static byte[] CheckpointOf(HtmModel model, long seq) => Container(Snapshot(model), seq);

    private static HtmModel LoadCheckpoint(byte[] checkpoint, HtmModelParameters parameters)
    {
        var model = new HtmModel(parameters);
        model.Load(new MemoryStream(Uncontain(checkpoint)));
        return model;
    }

    private static byte[] Snapshot(HtmModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    // The model checkpoint container of one pool, framed as HtmCloud.Grains.Durability.ModelCheckpoint.Encode frames it.
    private static byte[] Container(byte[] pool, long seq)
    {
        using var stream = new MemoryStream();
        var w = new SnapshotWriter(stream);
        w.Section("model-checkpoint");
        w.Write(seq);
        w.Write(-1L);
        w.Write(1);
        w.Write(ReadOnlySpan<int>.Empty);
        w.Write(pool);
        w.Complete();
        return stream.ToArray();
    }

    private static byte[] Uncontain(byte[] data)
    {
        var r = new SnapshotReader(new MemoryStream(data));
        r.Section("model-checkpoint");
        r.ReadLong();
        r.ReadLong();
        if (r.ReadInt() != 1) throw new SnapshotFormatException("Expected one pool.");
        r.ReadIntArray();
        var pool = r.ReadByteArray();
        r.End();
        return pool;
    }

    // A daily wave in [0, 100] with noise and rare spikes, one record every 5 minutes: [value, timestamp].
    private static FieldValue[][] Series(int count)
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(5);
        var records = new FieldValue[count][];
        for (int i = 0; i < count; i++)
        {
            double value = 50 + 30 * Math.Sin(i * 2 * Math.PI / 288) + random.NextDouble() * 6;
            if (random.Next(500) == 0) value = 95 + random.NextDouble() * 5;
            records[i] = [FieldValue.FromNumber(Math.Clamp(value, 0, 100)), FieldValue.FromDateTime(start.AddMinutes(5 * i))];
        }
        return records;
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
