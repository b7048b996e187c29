using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Htm.Models;

/// <summary>
/// A pool split over <see cref="ColumnShard"/>s by column range, run in-process: the reference the service's
/// <c>ColumnShardGrain</c>s follow, call for call. For the same parameters it gives exactly the results of
/// <see cref="HtmModel"/> (same pooler and memory methods, randomness per column, global winners from the union
/// of each range's best).
/// </summary>
public sealed class ShardedHtmModel
{
    public ShardedHtmModel(HtmModelParameters parameters, int shardCount)
    {
        Coordinator = new ShardedPoolCoordinator(parameters, shardCount);
        Shards = Enumerable.Range(0, shardCount).Select(i => new ColumnShard(parameters, shardCount, i)).ToArray();
    }

    public ShardedPoolCoordinator Coordinator { get; }
    public ColumnShard[] Shards { get; }

    /// <summary>The last step's result (reused every step).</summary>
    public PoolResult Result => Coordinator.Result;

    /// <summary>Encodes a record and runs one step.</summary>
    public PoolResult Compute(ReadOnlySpan<FieldValue> record, bool learn = true) => Compute(record, learn, default, default);

    /// <summary>Encodes a record and runs one step with external distal input.</summary>
    public PoolResult Compute(ReadOnlySpan<FieldValue> record, bool learn, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners) =>
        Step(Coordinator.Encode(record), learn, externalActive, externalWinners);

    /// <summary>Runs one step on an input SDR (a pool fed by another).</summary>
    public PoolResult Compute(Sdr input, double metricValue, bool learn, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        Coordinator.SetInput(input.Sparse);
        return Step(metricValue, learn, externalActive, externalWinners);
    }

    private PoolResult Step(double metric, bool learn, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        var c = Coordinator;
        c.BeginStep();
        foreach (var shard in Shards)
        {
            shard.ComputeOverlaps(c.Input, learn);
            c.AddCandidates(shard.Candidates, shard.MaxOverlapDutyCycle);
        }
        var columns = c.SelectWinners();
        foreach (var shard in Shards)
        {
            shard.ActivateColumns(columns, c.MaxOverlapDutyCycle, learn);
            var tm = shard.TemporalMemory;
            c.AddCells(tm.RangeActiveCells, tm.RangeWinnerCells, tm.RangeActiveColumns, tm.RangePredictedColumns);
        }
        foreach (var shard in Shards)
        {
            shard.ActivateDendrites(learn, c.ActiveCells, c.WinnerCells, externalActive, externalWinners);
            c.AddPredictiveCells(shard.PredictiveCells);
        }
        return c.Finish(metric, learn);
    }

    /// <summary>Writes the coordinator's and every shard's state, in order, as one versioned snapshot.</summary>
    public void Save(Stream stream)
    {
        var writer = new SnapshotWriter(stream);
        Coordinator.Write(writer);
        foreach (var shard in Shards) shard.Write(writer);
        writer.Complete();
    }

    /// <summary>Restores what <see cref="Save"/> wrote into a model of the same parameters and shard count.</summary>
    /// <exception cref="SnapshotFormatException">Truncated, corrupt, newer, or for another pool.</exception>
    public void Load(Stream stream)
    {
        var reader = new SnapshotReader(stream);
        Coordinator.Read(reader);
        foreach (var shard in Shards) shard.Read(reader);
        reader.End();
    }
}
