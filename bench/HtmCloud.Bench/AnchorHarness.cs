using System.Diagnostics;
using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Bench;

/// <summary>
/// The engine issue's anchor workload: 1000-bit inputs with 20 active, a fixed sequence of 100 random
/// patterns repeated, SP 2048 columns / 40 active, TM 32 cells, learning on, 10,000 steps, one thread.
/// </summary>
internal static class AnchorHarness
{
    public const int Steps = 10_000, Patterns = 100, InputSize = 1000, InputActive = 20;

    public static SpatialPoolerParameters SpatialPooler => SpatialPoolerParameters.Default with
    {
        InputDimensions = [InputSize], ColumnDimensions = [2048], PotentialRadius = null, PotentialPct = 0.5,
        GlobalInhibition = true, NumActiveColumnsPerInhArea = 40, StimulusThreshold = 0,
        SynPermInactiveDec = 0.008f, SynPermActiveInc = 0.05f, SynPermConnected = 0.1f,
        MinPctOverlapDutyCycles = 0.001, DutyCyclePeriod = 1000, BoostStrength = 0, Seed = 1,
    };

    public static TemporalMemoryParameters TemporalMemory => TemporalMemoryParameters.Default with
    {
        ColumnCount = 2048, CellsPerColumn = 32, ActivationThreshold = 13, InitialPermanence = 0.21f,
        ConnectedPermanence = 0.5f, MinThreshold = 10, MaxNewSynapseCount = 20, PermanenceIncrement = 0.1f,
        PermanenceDecrement = 0.1f, PredictedSegmentDecrement = 0, MaxSegmentsPerCell = 255,
        MaxSynapsesPerSegment = 255, Seed = 42,
    };

    public static Sdr[] MakePatterns(ulong seed)
    {
        var rng = new Rng(seed);
        var all = Enumerable.Range(0, InputSize).ToArray();
        return Enumerable.Range(0, Patterns).Select(_ =>
        {
            rng.SampleInPlace(all, InputActive);
            return Sdr.FromSparse(InputSize, all.AsSpan(0, InputActive));
        }).ToArray();
    }

    public static int Run(string[] args)
    {
        var patterns = MakePatterns(seed: 7);
        var sp = new SpatialPooler(SpatialPooler);
        var tm = new TemporalMemory(TemporalMemory);
        var columns = new Sdr(2048);
        var spTimes = new StepTimings(Steps);
        var tmTimes = new StepTimings(Steps);
        var totalTimes = new StepTimings(Steps);
        double firstPass = 0, lastPass = 0;

        for (int step = 0; step < Steps; step++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sp.Compute(patterns[step % Patterns], learn: true, columns);
            long t1 = Stopwatch.GetTimestamp();
            tm.Compute(columns, learn: true);
            long t2 = Stopwatch.GetTimestamp();
            spTimes.Add(t0, t1);
            tmTimes.Add(t1, t2);
            totalTimes.Add(t0, t2);
            if (step < Patterns) firstPass += tm.Anomaly / Patterns;
            if (step >= Steps - Patterns) lastPass += tm.Anomaly / Patterns;
        }

        var inferTimes = new StepTimings(Steps);
        double inferAnomaly = 0;
        for (int step = 0; step < Steps; step++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sp.Compute(patterns[step % Patterns], learn: false, columns);
            tm.Compute(columns, learn: false);
            inferTimes.Add(t0, Stopwatch.GetTimestamp());
            inferAnomaly += tm.Anomaly / Steps;
        }

        double rssBeforeSnapshot = ProcessMemory.PeakRssMb;
        // Saved to a file, as a checkpoint would be, so the figure is not inflated by an in-memory copy.
        string snapshotPath = Path.Combine(Path.GetTempPath(), $"htmcloud-anchor-{Environment.ProcessId}.snapshot");
        using (var file = File.Create(snapshotPath))
        {
            var writer = new SnapshotWriter(file);
            SpatialPoolerCodec.Write(writer, sp);
            TemporalMemoryCodec.Write(writer, tm);
            writer.Complete();
        }
        double snapshotMb = new FileInfo(snapshotPath).Length / 1e6;
        File.Delete(snapshotPath);
        double rssMb = ProcessMemory.PeakRssMb;

        Console.WriteLine($"anchor workload: {Steps} steps, {Patterns} patterns of {InputActive}/{InputSize} bits, learning on, one thread");
        Console.WriteLine($"  SP     {spTimes.Summary}");
        Console.WriteLine($"  TM     {tmTimes.Summary}");
        Console.WriteLine($"  total  {totalTimes.Summary}");
        Console.WriteLine($"  infer  {inferTimes.Summary} (learning off, raw anomaly {inferAnomaly:F3})");
        Console.WriteLine($"  raw anomaly: first pass {firstPass:F3}, last pass {lastPass:F3}");
        Console.WriteLine($"  segments {tm.SegmentCount}, synapses {tm.SynapseCount}, TM arrays {tm.MemoryBytes / 1e6:F1} MB");
        Console.WriteLine($"  snapshot {snapshotMb:F1} MB, peak RSS {rssBeforeSnapshot:F0} MB before the snapshot, {rssMb:F0} MB after");
        GC.KeepAlive(sp);
        GC.KeepAlive(tm);
        Console.WriteLine($"anchor total_ms={totalTimes.Median:F4} infer_ms={inferTimes.Median:F4} rss_mb={rssMb:F0} snapshot_mb={snapshotMb:F1}");
        return 0;
    }
}
