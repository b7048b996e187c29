using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Models;

/// <summary>
/// The pool-level part of a sharded pool: encodes the record, picks the global winners from every shard's
/// candidates, gathers the shards' cells (ranges ascending, so concatenation is the pool's ascending list),
/// the pool-wide maximum overlap duty cycle and the raw anomaly, then runs likelihood, predictor and spatial
/// rule exactly as <see cref="HtmModel"/> does. Holds no column state; the <see cref="ColumnShard"/>s do.
/// </summary>
public sealed class ShardedPoolCoordinator : IPoolCells
{
    private readonly MultiEncoder? _encoder;
    private readonly int _metricIndex;
    private readonly int[] _columnOfRank;
    private readonly long[] _heap;
    private readonly int _target;
    private int _heapCount, _shardsOffered;
    private float _maxOverlapDutyCycle;
    private readonly int[] _winners;
    private readonly int[] _activeCells, _winnerCells, _predictiveCells;
    private int _activeCount, _winnerCount, _predictiveCount, _activeColumns, _predictedColumns;

    public ShardedPoolCoordinator(HtmModelParameters parameters, int shardCount)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "model parameters");
        var sp = parameters.SpatialPooler;
        int columns = HtmModelParameters.ColumnCountOf(sp);
        if (!sp.GlobalInhibition) throw new ArgumentException("Only pools with global inhibition can be sharded.", nameof(parameters));
        if (shardCount < 1 || shardCount > columns) throw new ArgumentOutOfRangeException(nameof(shardCount), "Need 1..columns shards.");
        Parameters = parameters;
        ShardCount = shardCount;
        if (parameters.Fields.Count > 0) _encoder = new MultiEncoder(parameters.Fields.Select(f => f.Build()));
        _metricIndex = HtmModel.MetricIndexOf(parameters, _encoder);
        int inputSize = _encoder?.Size ?? parameters.InputSize;
        var full = sp with { InputDimensions = [inputSize] };
        _columnOfRank = GlobalInhibition.ColumnsOfRank(GlobalInhibition.TieRanks(full.Seed, columns));
        _target = GlobalInhibition.TargetActive(full);
        _heap = new long[_target];
        _winners = new int[_target];
        int cells = columns * parameters.TemporalMemory.CellsPerColumn;
        CellCount = cells;
        _activeCells = new int[cells];
        _winnerCells = new int[cells];
        _predictiveCells = new int[cells];
        if (parameters.Likelihood is not null) Likelihood = new AnomalyLikelihood(parameters.Likelihood);
        if (parameters.Predictor is not null) Predictor = new Predictor(parameters.Predictor, cells);
        if (parameters.SpatialTolerance is double tolerance) Spatial = new SpatialAnomaly(tolerance);
        Result = new PoolResult(new Sdr(inputSize), new Sdr(columns), this, Predictor?.Predictions ?? []);
    }

    public HtmModelParameters Parameters { get; }
    public int ShardCount { get; }
    public int CellCount { get; }
    public AnomalyLikelihood? Likelihood { get; }
    public Predictor? Predictor { get; }
    public SpatialAnomaly? Spatial { get; }

    /// <summary>The last step's result (reused every step).</summary>
    public PoolResult Result { get; }

    /// <summary>Records processed.</summary>
    public long Step => Result.Step;

    public int InputSize => Result.Input.Size;

    /// <summary>Encodes a record (values in the order of the pool's fields) as this step's input; returns its metric value.</summary>
    public double Encode(ReadOnlySpan<FieldValue> record)
    {
        if (_encoder is null) throw new InvalidOperationException("This pool is fed SDRs; call SetInput.");
        _encoder.Encode(record, Result.Input);
        return HtmModel.MetricOf(record, _metricIndex);
    }

    /// <summary>Sets this step's input SDR (a pool fed by another pool).</summary>
    public void SetInput(ReadOnlySpan<int> activeBits) => Result.Input.SetSparse(activeBits);

    /// <summary>This step's input, for the shards.</summary>
    public ReadOnlySpan<int> Input => Result.Input.Sparse;

    /// <summary>Starts gathering a step's candidates and cells.</summary>
    public void BeginStep()
    {
        _heapCount = _shardsOffered = 0;
        _maxOverlapDutyCycle = 0;
        _activeCount = _winnerCount = _predictiveCount = _activeColumns = _predictedColumns = 0;
    }

    /// <summary>One shard's winner candidates and its largest overlap duty cycle (any shard order).</summary>
    public void AddCandidates(ReadOnlySpan<long> keys, float maxOverlapDutyCycle)
    {
        foreach (long key in keys) GlobalInhibition.Offer(_heap, ref _heapCount, _target, key);
        if (maxOverlapDutyCycle > _maxOverlapDutyCycle) _maxOverlapDutyCycle = maxOverlapDutyCycle;
        _shardsOffered++;
    }

    /// <summary>The pool's active columns, ascending, once every shard offered its candidates.</summary>
    public ReadOnlySpan<int> SelectWinners()
    {
        if (_shardsOffered != ShardCount) throw new InvalidOperationException($"{_shardsOffered} of {ShardCount} shards offered candidates.");
        int n = GlobalInhibition.Winners(_heap.AsSpan(0, _heapCount), _columnOfRank, _winners);
        Result.ActiveColumns.SetSortedUnchecked(_winners.AsSpan(0, n));
        return Result.ActiveColumns.Sparse;
    }

    /// <summary>Largest overlap duty cycle of the pool (for bumping weak columns).</summary>
    public float MaxOverlapDutyCycle => _maxOverlapDutyCycle;

    /// <summary>One shard's active and winner cells and column counts; shards in range order.</summary>
    public void AddCells(ReadOnlySpan<int> activeCells, ReadOnlySpan<int> winnerCells, int activeColumns, int predictedColumns)
    {
        _activeCount = Append(_activeCells, _activeCount, activeCells);
        _winnerCount = Append(_winnerCells, _winnerCount, winnerCells);
        _activeColumns += activeColumns;
        _predictedColumns += predictedColumns;
    }

    /// <summary>One shard's predictive cells; shards in range order.</summary>
    public void AddPredictiveCells(ReadOnlySpan<int> cells) => _predictiveCount = Append(_predictiveCells, _predictiveCount, cells);

    public ReadOnlySpan<int> ActiveCells => _activeCells.AsSpan(0, _activeCount);
    public ReadOnlySpan<int> WinnerCells => _winnerCells.AsSpan(0, _winnerCount);
    public ReadOnlySpan<int> PredictiveCells => _predictiveCells.AsSpan(0, _predictiveCount);
    public float Anomaly => TemporalMemory.RawAnomaly(_activeColumns, _predictedColumns);

    /// <summary>Likelihood, predictor and spatial rule on the gathered step; the result of the record.</summary>
    public PoolResult Finish(double metric, bool learn)
    {
        Result.Finish(metric, learn, Likelihood, Predictor, Spatial);
        return Result;
    }

    private static int Append(int[] target, int count, ReadOnlySpan<int> cells)
    {
        if (cells.Length == 0) return count;
        if (count > 0 && cells[0] <= target[count - 1]) throw new ArgumentException("Shards must hand in their cells in range order.", nameof(cells));
        cells.CopyTo(target.AsSpan(count));
        return count + cells.Length;
    }

    /// <summary>Writes the pool-level state (step, last cells, likelihood, predictor, spatial rule) as a versioned snapshot.</summary>
    public void Save(Stream stream)
    {
        var w = new SnapshotWriter(stream);
        Write(w);
        w.Complete();
    }

    /// <summary>Restores state saved by <see cref="Save"/> into a coordinator of the same pool and shard count.</summary>
    /// <exception cref="SnapshotFormatException">Truncated, corrupt, newer, or for another pool.</exception>
    public void Load(Stream stream)
    {
        var r = new SnapshotReader(stream);
        Read(r);
        r.End();
    }

    internal void Write(SnapshotWriter w)
    {
        w.Section("pool");
        w.Write(ShardCount);
        w.Write(Result.Step);
        w.Write(Result.Likelihood);
        w.Write(Result.Input.Sparse);
        w.Write(Result.ActiveColumns.Sparse);
        w.Write(ActiveCells);
        w.Write(WinnerCells);
        w.Write(PredictiveCells);
        w.Write(_activeColumns);
        w.Write(_predictedColumns);
        w.Write(Likelihood is not null);
        if (Likelihood is not null) AnomalyLikelihoodCodec.Write(w, Likelihood);
        w.Write(Predictor is not null);
        if (Predictor is not null) PredictorCodec.Write(w, Predictor);
        w.Write(Spatial is not null);
        if (Spatial is not null)
        {
            w.Write(Spatial.Minimum);
            w.Write(Spatial.Maximum);
        }
        w.Write(Result.AnomalyScore);
        w.Write(Result.OutOfRange);
    }

    internal void Read(SnapshotReader r)
    {
        r.Section("pool");
        int shards = r.ReadInt();
        if (shards != ShardCount) throw new SnapshotFormatException($"Snapshot is of {shards} shards, this pool has {ShardCount}.");
        Result.Step = r.ReadLong();
        double likelihood = r.ReadDouble();
        var input = r.ReadIntArray();
        var columns = r.ReadIntArray();
        var active = r.ReadIntArray();
        var winners = r.ReadIntArray();
        var predictive = r.ReadIntArray();
        int activeColumns = r.ReadInt(), predictedColumns = r.ReadInt();
        try
        {
            Result.Input.SetSparse(input);
            Result.ActiveColumns.SetSparse(columns);
            BeginStep();
            AddCells(active, winners, activeColumns, predictedColumns);
            AddPredictiveCells(predictive);
        }
        catch (ArgumentException e)
        {
            throw new SnapshotFormatException($"Snapshot is corrupt or for other parameters: {e.Message}");
        }
        if (active.Concat(winners).Concat(predictive).Any(c => (uint)c >= (uint)CellCount)) throw new SnapshotFormatException("Snapshot is corrupt: cell out of range.");
        if (r.ReadBool() != (Likelihood is not null)) throw new SnapshotFormatException("Snapshot and pool disagree on whether the likelihood is on.");
        if (Likelihood is not null) AnomalyLikelihoodCodec.Read(r, Likelihood);
        if (r.ReadBool() != (Predictor is not null)) throw new SnapshotFormatException("Snapshot and pool disagree on whether the predictor is on.");
        if (Predictor is not null) PredictorCodec.Read(r, Predictor);
        if (r.ReadBool() != (Spatial is not null)) throw new SnapshotFormatException("Snapshot and pool disagree on whether the spatial rule is on.");
        if (Spatial is not null)
        {
            Spatial.Minimum = r.ReadDouble();
            Spatial.Maximum = r.ReadDouble();
        }
        Result.SetLikelihood(likelihood);
        Result.AnomalyScore = r.ReadDouble();
        Result.OutOfRange = r.ReadBool();
    }
}
