using System.Diagnostics;
using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;

namespace HtmCloud.Bench;

/// <summary>
/// A pool of 65,536 columns, whole (<see cref="HtmModel"/>) against sharded (<see cref="ShardedHtmModel"/>'s
/// coordinator and shards), per-record time in-process. Sharded runs twice: shards one after another (the cost of
/// splitting alone) and each step's shard calls in parallel on the machine's cores (what spreading buys when the
/// shards have a core each). Every sharded run is checked bit for bit against the whole pool.
/// </summary>
internal static class ShardsHarness
{
    public static int Run(string[] args)
    {
        int records = args.Length > 0 ? int.Parse(args[0]) : 600, warmUp = records / 4;
        var parameters = Parameters();
        var inputs = Enumerable.Range(0, records).Select(Record).ToArray();
        Console.WriteLine($"shards: {HtmModelParameters.ColumnCountOf(parameters.SpatialPooler):N0} columns × {parameters.TemporalMemory.CellsPerColumn} cells, {parameters.SpatialPooler.NumActiveColumnsPerInhArea} active, {records} records (first {warmUp} not timed), {Environment.ProcessorCount} cores");

        var construct = Stopwatch.StartNew();
        var whole = new HtmModel(parameters);
        Console.WriteLine($"  whole model built in {construct.Elapsed.TotalSeconds:F1} s");
        var reference = new (int[] Columns, int[] Cells, float Anomaly)[records];
        var wholeTimes = new StepTimings(records - warmUp);
        for (int r = 0; r < records; r++)
        {
            long start = Stopwatch.GetTimestamp();
            var result = whole.Compute(inputs[r]);
            if (r >= warmUp) wholeTimes.Add(start, Stopwatch.GetTimestamp());
            reference[r] = (result.ActiveColumns.Sparse.ToArray(), result.ActiveCells.ToArray(), result.RawAnomaly);
        }
        Console.WriteLine($"  whole          {wholeTimes.Summary}");
        whole = null;
        GC.Collect();

        foreach (int shards in new[] { 2, 4 })
            foreach (bool parallel in new[] { false, true })
            {
                var model = new ShardedHtmModel(parameters, shards);
                var times = new StepTimings(records - warmUp);
                for (int r = 0; r < records; r++)
                {
                    long start = Stopwatch.GetTimestamp();
                    var result = parallel ? StepParallel(model, inputs[r]) : model.Compute(inputs[r]);
                    if (r >= warmUp) times.Add(start, Stopwatch.GetTimestamp());
                    if (!result.ActiveColumns.Sparse.SequenceEqual(reference[r].Columns) || !result.ActiveCells.SequenceEqual(reference[r].Cells) || result.RawAnomaly != reference[r].Anomaly)
                        throw new InvalidOperationException($"{shards} shards differ from the whole pool at record {r}");
                }
                string name = $"{shards} shards{(parallel ? ", parallel" : "")}";
                Console.WriteLine($"  {name,-15}{times.Summary}  ({times.Median / wholeTimes.Median:F2} × whole p50)");
                Console.WriteLine($"shards n={shards} parallel={parallel} p50_ms={times.Median:F3} whole_p50_ms={wholeTimes.Median:F3}");
            }
        Console.WriteLine($"  peak RSS {ProcessMemory.PeakRssMb:F0} MB");
        return 0;
    }

    /// <summary>Median ms per record of the whole pool in-process, over <paramref name="records"/> records of which the first <paramref name="warmUp"/> are not timed.</summary>
    public static double WholeMedianMs(int records, int warmUp)
    {
        var model = new HtmModel(Parameters());
        var times = new StepTimings(records - warmUp);
        for (int r = 0; r < records; r++)
        {
            var input = Record(r);
            long start = Stopwatch.GetTimestamp();
            model.Compute(input);
            if (r >= warmUp) times.Add(start, Stopwatch.GetTimestamp());
        }
        return times.Median;
    }

    // The in-process model's step with each phase's shard calls spread over threads, as grains on several nodes run them.
    private static PoolResult StepParallel(ShardedHtmModel model, FieldValue[] record)
    {
        var c = model.Coordinator;
        var shards = model.Shards;
        double metric = c.Encode(record);
        c.BeginStep();
        var input = c.Input.ToArray();
        Parallel.For(0, shards.Length, i => shards[i].ComputeOverlaps(input, true));
        foreach (var shard in shards) c.AddCandidates(shard.Candidates, shard.MaxOverlapDutyCycle);
        var columns = c.SelectWinners().ToArray();
        float max = c.MaxOverlapDutyCycle;
        Parallel.For(0, shards.Length, i => shards[i].ActivateColumns(columns, max, true));
        foreach (var shard in shards)
        {
            var tm = shard.TemporalMemory;
            c.AddCells(tm.RangeActiveCells, tm.RangeWinnerCells, tm.RangeActiveColumns, tm.RangePredictedColumns);
        }
        int[] active = c.ActiveCells.ToArray(), winners = c.WinnerCells.ToArray();
        Parallel.For(0, shards.Length, i => shards[i].ActivateDendrites(true, active, winners, default, default));
        foreach (var shard in shards) c.AddPredictiveCells(shard.PredictiveCells);
        return c.Finish(metric, true);
    }

    private static HtmModelParameters Parameters() => new()
    {
        Fields =
        [
            new FieldEncoderSpec { Name = "value", Rdse = RandomDistributedScalarEncoderParameters.Default with { Size = 400, ActiveBits = 21, Resolution = 1 } },
            new FieldEncoderSpec { Name = "time", DateTime = DateTimeEncoderParameters.Default with { TimeOfDayWidth = 21, TimeOfDayRadius = 9.49 } },
        ],
        SpatialPooler = SpatialPoolerParameters.Default with { ColumnDimensions = [65_536], NumActiveColumnsPerInhArea = 1_310, PotentialPct = 0.2, SynPermConnected = 0.2f, Seed = 1 },
        TemporalMemory = TemporalMemoryParameters.Default with { CellsPerColumn = 8, ActivationThreshold = 12, MinThreshold = 10, MaxNewSynapseCount = 20, MaxSegmentsPerCell = 32, MaxSynapsesPerSegment = 32, Seed = 42 },
        Predictor = null,
    };

    // A noisy daily wave, one record every 5 minutes.
    private static FieldValue[] Record(int step)
    {
        double value = 50 + 30 * Math.Sin(step * 2 * Math.PI / 288) + new HtmCloud.Htm.Utils.Rng((ulong)step + 7).NextDouble() * 4;
        return [value, new DateTime(2026, 1, 1).AddMinutes(5 * step)];
    }
}
