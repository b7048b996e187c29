using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Htm.Models;

/// <summary>
/// One column range of a sharded pool: the spatial pooler and temporal memory of its columns. A step is three
/// calls, with the pool (<see cref="ShardedPoolCoordinator"/>) in between: <see cref="ComputeOverlaps"/> (winner
/// candidates), <see cref="ActivateColumns"/> (learning, active and winner cells), <see cref="ActivateDendrites"/>
/// (predictive cells from the whole pool's cells). The whole <see cref="HtmModel"/> runs the same pooler and
/// memory methods over one range.
/// </summary>
public sealed class ColumnShard
{
    private readonly Sdr _input;
    private readonly long[] _candidates;
    private int _candidateCount;

    /// <summary>Shard <paramref name="shardIndex"/> of <paramref name="shardCount"/> of the pool with <paramref name="parameters"/> (as the graph plan resolved them).</summary>
    public ColumnShard(HtmModelParameters parameters, int shardCount, int shardIndex)
    {
        var (first, count) = RangeOf(HtmModelParameters.ColumnCountOf(parameters.SpatialPooler), shardCount, shardIndex);
        int inputSize = parameters.ResolvedInputSize();
        SpatialPooler = new SpatialPooler(parameters.SpatialPooler with { InputDimensions = [inputSize] }, first, count);
        TemporalMemory = new TemporalMemory(parameters.TemporalMemory with { ColumnCount = SpatialPooler.NumColumns }, first, count);
        _input = new Sdr(inputSize);
        _candidates = new long[Math.Min(SpatialPooler.GlobalTargetActive, count)];
    }

    public SpatialPooler SpatialPooler { get; }
    public TemporalMemory TemporalMemory { get; }

    public int FirstColumn => SpatialPooler.FirstColumn;
    public int ColumnCount => SpatialPooler.RangeColumns;

    /// <summary>Columns [first, first + count) of shard <paramref name="index"/> of <paramref name="shards"/>: equal ranges, the larger ones last.</summary>
    public static (int First, int Count) RangeOf(int columns, int shards, int index)
    {
        if (shards < 1 || shards > columns || index < 0 || index >= shards) throw new ArgumentOutOfRangeException(nameof(index), "Need 1..columns shards and an index below the shard count.");
        int first = (int)((long)columns * index / shards), end = (int)((long)columns * (index + 1) / shards);
        return (first, end - first);
    }

    /// <summary>Winner candidates of the last <see cref="ComputeOverlaps"/>: keys for <see cref="GlobalInhibition"/>.</summary>
    public ReadOnlySpan<long> Candidates => _candidates.AsSpan(0, _candidateCount);

    /// <summary>Largest overlap duty cycle of this range after the last learning step.</summary>
    public float MaxOverlapDutyCycle => SpatialPooler.MaxOverlapDutyCycle;

    /// <summary>Step, part 1: overlaps of this range for the pool's input (ascending active bits); fills <see cref="Candidates"/>.</summary>
    public void ComputeOverlaps(ReadOnlySpan<int> input, bool learn)
    {
        _input.SetSparse(input);
        SpatialPooler.ComputeOverlaps(_input, learn);
        _candidateCount = SpatialPooler.CollectCandidates(_candidates);
    }

    /// <summary>
    /// Step, part 2: the pool's winners (all of them, ascending) are this step's active columns; this range learns
    /// (pooler) and activates its cells (memory). Read <see cref="TemporalMemory"/>'s Range* results after.
    /// </summary>
    public void ActivateColumns(ReadOnlySpan<int> poolActiveColumns, float poolMaxOverlapDutyCycle, bool learn)
    {
        var own = OwnColumns(poolActiveColumns);
        if (learn) SpatialPooler.Learn(own, poolMaxOverlapDutyCycle);
        TemporalMemory.ActivateCells(own, learn);
    }

    /// <summary>Step, part 3: the pool's active and winner cells of this step (plus external cells) depolarise this range's segments.</summary>
    public void ActivateDendrites(bool learn, ReadOnlySpan<int> activeCells, ReadOnlySpan<int> winnerCells, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners) =>
        TemporalMemory.ActivateDendrites(learn, activeCells, winnerCells, externalActive, externalWinners);

    /// <summary>This range's cells predicted for the next step, ascending.</summary>
    public ReadOnlySpan<int> PredictiveCells => TemporalMemory.PredictiveCells;

    private ReadOnlySpan<int> OwnColumns(ReadOnlySpan<int> columns)
    {
        int start = LowerBound(columns, FirstColumn), end = LowerBound(columns, FirstColumn + ColumnCount);
        return columns[start..end];
    }

    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int i = sorted.BinarySearch(value);
        return i >= 0 ? i : ~i;
    }

    /// <summary>Writes this range's learned state as a versioned snapshot.</summary>
    public void Save(Stream stream)
    {
        var writer = new SnapshotWriter(stream);
        Write(writer);
        writer.Complete();
    }

    /// <summary>Restores state saved by <see cref="Save"/> into a shard of the same pool and range.</summary>
    /// <exception cref="SnapshotFormatException">Truncated, corrupt, newer, or for another pool or range.</exception>
    public void Load(Stream stream)
    {
        var reader = new SnapshotReader(stream);
        Read(reader);
        reader.End();
    }

    internal void Write(SnapshotWriter writer)
    {
        writer.Section("shard");
        SpatialPoolerCodec.Write(writer, SpatialPooler);
        TemporalMemoryCodec.Write(writer, TemporalMemory);
    }

    internal void Read(SnapshotReader reader)
    {
        reader.Section("shard");
        SpatialPoolerCodec.Read(reader, SpatialPooler);
        TemporalMemoryCodec.Read(reader, TemporalMemory);
    }
}
