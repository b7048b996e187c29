using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// Temporal memory as in BAMI (Hawkins, Ahmad et al., 2016 pseudocode): predicted columns activate their
/// predicted cells, others burst; learning reinforces the segments that predicted correctly, grows synapses
/// toward the previous winner cells and optionally punishes wrong predictions. Segments and synapses live in
/// flat arrays with stable ids, freed ids reused lowest first; every presynaptic cell keeps the list of its synapses, so a
/// step touches only synapses of active cells. Cells of other pools can be fed in as external distal input.
/// A memory may hold only a column range of a larger pool (a shard): it keeps the segments of its own cells
/// and sees the whole pool's active and winner cells. Randomness is a function of (seed, step, column) and
/// no tie is broken by a storage id, so N ranges give exactly the bits of the whole memory.
/// </summary>
public sealed partial class TemporalMemory : Models.IPoolCells
{
    private const float MinPermanence = 0.00001f;
    private readonly int _cellsPerColumn, _presynapticSize, _firstCell, _rangeCells;
    private readonly ulong _seed;
    private readonly float _connected, _increment, _decrement, _punishment, _initial;
    private readonly int _activationThreshold, _minThreshold, _maxNewSynapses, _maxSegmentsPerCell, _maxSynapsesPerSegment;

    internal long Iteration;

    // Per-column generator, reseeded lazily from (seed, step, column) before the column's first draw.
    private readonly Rng _rng = new(0);
    private const ulong StepStream = 1UL << 63; // keeps the memory's streams apart from the pooler's (1, 2) under an equal seed
    private int _rngColumn;
    private bool _rngSeeded;

    // Segments (stable ids): owning cell (-1 when free), last iteration it was active while learning, and the
    // iteration it was created in (unique per cell: a cell gains at most one segment per step), which orders
    // a cell's segments wherever order matters.
    internal int[] SegmentCell = new int[1024];
    internal long[] SegmentLastUsed = new long[1024];
    internal long[] SegmentCreated = new long[1024];
    internal int SegmentHighWater;
    private readonly MinIntHeap _freeSegments = new();

    // Synapses (stable ids): presynaptic cell, permanence, owning segment (-1 when free).
    internal int[] SynapsePresynaptic = new int[4096];
    internal float[] SynapsePermanence = new float[4096];
    internal int[] SynapseSegment = new int[4096];
    internal int SynapseHighWater;
    private readonly MinIntHeap _freeSynapses = new();

    // Indexes, rebuilt from the tables above when a snapshot is loaded.
    private readonly IntListArena _segmentSynapses = new(1024);
    private readonly IntListArena _cellSegments;
    private readonly IntListArena _presynapticSynapses;

    // Step state: this step's active and winner cells (own cells first, then external ones offset by CellCount).
    internal int[] ActivePresynaptic, WinnerPresynaptic;
    internal int ActivePresynapticCount, WinnerPresynapticCount, OwnActiveCount, OwnWinnerCount;
    private readonly byte[] _isPreviouslyActive;
    private readonly int[] _nextActive, _nextWinners;
    private int _nextActiveCount, _nextWinnerCount;

    // Dendrite state from the last step.
    private int[] _activeConnected = new int[1024], _activePotential = new int[1024];
    private int[] _touched = new int[1024], _activeSegments = new int[1024], _matchingSegments = new int[1024];
    private long[] _sortKeys = new long[1024];
    private int _touchedCount, _activeSegmentCount, _matchingSegmentCount;
    private readonly int[] _predictiveCells;
    private int _predictiveCount;

    // Scratch for synapse growth.
    private readonly byte[] _mark;
    private readonly int[] _candidates;

    public TemporalMemory(TemporalMemoryParameters parameters) : this(parameters, 0, parameters.ColumnCount) { }

    /// <summary>A memory for columns [<paramref name="firstColumn"/>, +<paramref name="columnCount"/>) of the pool.</summary>
    public TemporalMemory(TemporalMemoryParameters parameters, int firstColumn, int columnCount)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "temporal memory parameters");
        if (firstColumn < 0 || columnCount < 1 || (long)firstColumn + columnCount > parameters.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(columnCount), "Column range must lie within the pool.");
        Parameters = parameters;
        ColumnCount = parameters.ColumnCount;
        CellCount = parameters.CellCount;
        FirstColumn = firstColumn;
        RangeColumns = columnCount;
        _cellsPerColumn = parameters.CellsPerColumn;
        _firstCell = firstColumn * _cellsPerColumn;
        _rangeCells = columnCount * _cellsPerColumn;
        _presynapticSize = CellCount + parameters.ExternalInputSize;
        _connected = parameters.ConnectedPermanence;
        _increment = parameters.PermanenceIncrement;
        _decrement = parameters.PermanenceDecrement;
        _punishment = parameters.PredictedSegmentDecrement;
        _initial = parameters.InitialPermanence;
        _activationThreshold = parameters.ActivationThreshold;
        _minThreshold = parameters.MinThreshold;
        _maxNewSynapses = parameters.MaxNewSynapseCount;
        _maxSegmentsPerCell = parameters.MaxSegmentsPerCell;
        _maxSynapsesPerSegment = parameters.MaxSynapsesPerSegment;
        _seed = parameters.Seed;

        _cellSegments = new IntListArena(_rangeCells);
        _presynapticSynapses = new IntListArena(_presynapticSize);
        ActivePresynaptic = new int[_presynapticSize];
        WinnerPresynaptic = new int[_presynapticSize];
        _isPreviouslyActive = new byte[_presynapticSize];
        _nextActive = new int[_rangeCells];
        _nextWinners = new int[_rangeCells]; // every predicted cell of a column is a winner, so up to one per cell
        _predictiveCells = new int[_rangeCells];
        _mark = new byte[_presynapticSize];
        _candidates = new int[_presynapticSize];
    }

    public TemporalMemoryParameters Parameters { get; }
    public int ColumnCount { get; }
    public int CellCount { get; }

    /// <summary>First column of this memory's range (0 for a whole memory).</summary>
    public int FirstColumn { get; }

    /// <summary>Columns in this memory's range.</summary>
    public int RangeColumns { get; }

    /// <summary>Raw anomaly of the last step: share of active columns that no active segment predicted.</summary>
    public float Anomaly { get; internal set; }

    /// <summary>Active columns of the last step within this range, and how many of them were predicted.</summary>
    public int RangeActiveColumns { get; private set; }
    public int RangePredictedColumns { get; private set; }

    /// <summary>Cells of this range that became active / winners in the last <see cref="ActivateCells"/>, ascending.</summary>
    public ReadOnlySpan<int> RangeActiveCells => _nextActive.AsSpan(0, _nextActiveCount);
    public ReadOnlySpan<int> RangeWinnerCells => _nextWinners.AsSpan(0, _nextWinnerCount);

    /// <summary>Raw anomaly from counts: share of active columns without a predicting segment.</summary>
    public static float RawAnomaly(int activeColumns, int predictedColumns) =>
        activeColumns == 0 ? 0f : 1f - (float)predictedColumns / activeColumns;

    /// <summary>This step's active cells of the pool, ascending.</summary>
    public ReadOnlySpan<int> ActiveCells => ActivePresynaptic.AsSpan(0, OwnActiveCount);

    /// <summary>This step's winner cells of the pool, ascending.</summary>
    public ReadOnlySpan<int> WinnerCells => WinnerPresynaptic.AsSpan(0, OwnWinnerCount);

    /// <summary>Cells of this range predicted for the next step, ascending.</summary>
    public ReadOnlySpan<int> PredictiveCells => _predictiveCells.AsSpan(0, _predictiveCount);

    /// <summary>Live segments.</summary>
    public int SegmentCount => SegmentHighWater - _freeSegments.Count;

    /// <summary>Live synapses.</summary>
    public int SynapseCount => SynapseHighWater - _freeSynapses.Count;

    /// <summary>Column of a cell.</summary>
    public int ColumnOf(int cell) => cell / _cellsPerColumn;

    /// <summary>Number of segments on a cell.</summary>
    public int SegmentsOnCell(int cell) => _cellSegments.Count(cell - _firstCell);

    /// <summary>One step with no external input.</summary>
    public void Compute(Sdr activeColumns, bool learn) => Compute(activeColumns.Sparse, learn, default, default);

    /// <summary>
    /// One step. <paramref name="externalActive"/> and <paramref name="externalWinners"/> are ascending indices
    /// in [0, ExternalInputSize): other pools' cells this step, used as extra presynaptic cells.
    /// </summary>
    public void Compute(ReadOnlySpan<int> activeColumns, bool learn, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        if (RangeColumns != ColumnCount) throw new InvalidOperationException("A column range of a pool needs the pool's cells; call ActivateCells and ActivateDendrites.");
        ActivateCells(activeColumns, learn);
        ActivateDendritesCore(learn, RangeActiveCells, RangeWinnerCells, externalActive, externalWinners);
    }

    /// <summary>
    /// Step, part 1: this range's active columns (ascending, within the range) become active and winner cells, from
    /// the segments the previous step's cells depolarised; learning adapts and grows segments toward the pool's
    /// previous winner cells. Results: <see cref="RangeActiveCells"/>, <see cref="RangeWinnerCells"/>, counts.
    /// </summary>
    public void ActivateCells(ReadOnlySpan<int> activeColumns, bool learn)
    {
        Iteration++;
        ActivateCellsCore(activeColumns, learn);
    }

    /// <summary>
    /// Step, part 2: the pool's active and winner cells of this step (every range's, ascending) plus external cells
    /// depolarise this range's segments; <see cref="PredictiveCells"/> are this range's cells predicted next.
    /// </summary>
    public void ActivateDendrites(bool learn, ReadOnlySpan<int> activeCells, ReadOnlySpan<int> winnerCells, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        CheckCells(activeCells, nameof(activeCells));
        CheckCells(winnerCells, nameof(winnerCells));
        ActivateDendritesCore(learn, activeCells, winnerCells, externalActive, externalWinners);
    }

    private void CheckCells(ReadOnlySpan<int> cells, string name)
    {
        int previous = -1;
        foreach (int c in cells)
        {
            if (c <= previous || c >= CellCount) throw new ArgumentException("Cells must be ascending, unique and in range.", name);
            previous = c;
        }
    }

    /// <summary>Forgets the current sequence context (active, winner and predictive cells); learned synapses stay.</summary>
    public void Reset()
    {
        for (int i = 0; i < ActivePresynapticCount; i++) _isPreviouslyActive[ActivePresynaptic[i]] = 0;
        ActivePresynapticCount = WinnerPresynapticCount = OwnActiveCount = OwnWinnerCount = 0;
        ClearDendrites();
    }

    private int ColumnOfSegment(int segment) => SegmentCell[segment] / _cellsPerColumn;

    private void ActivateCellsCore(ReadOnlySpan<int> activeColumns, bool learn)
    {
        _nextActiveCount = _nextWinnerCount = 0;
        int a = 0, m = 0, predicted = 0, previous = -1;
        bool punish = learn && _punishment > 0;
        foreach (int column in activeColumns)
        {
            if (column <= previous || column < FirstColumn || column >= FirstColumn + RangeColumns) throw new ArgumentException("Active columns must be ascending, unique and in range.", nameof(activeColumns));
            previous = column;
            _rngColumn = column;
            _rngSeeded = false;
            while (m < _matchingSegmentCount && ColumnOfSegment(_matchingSegments[m]) < column)
            {
                if (punish) Punish(_matchingSegments[m]);
                m++;
            }
            while (a < _activeSegmentCount && ColumnOfSegment(_activeSegments[a]) < column) a++;
            int activeStart = a, matchingStart = m;
            while (a < _activeSegmentCount && ColumnOfSegment(_activeSegments[a]) == column) a++;
            while (m < _matchingSegmentCount && ColumnOfSegment(_matchingSegments[m]) == column) m++;
            if (a > activeStart)
            {
                predicted++;
                ActivatePredictedColumn(activeStart, a, learn);
            }
            else Burst(column, matchingStart, m, learn);
        }
        for (; punish && m < _matchingSegmentCount; m++) Punish(_matchingSegments[m]);
        RangeActiveColumns = activeColumns.Length;
        RangePredictedColumns = predicted;
        Anomaly = RawAnomaly(activeColumns.Length, predicted);
    }

    private void ActivatePredictedColumn(int start, int end, bool learn)
    {
        int lastCell = -1;
        for (int i = start; i < end; i++)
        {
            int segment = _activeSegments[i], cell = SegmentCell[segment];
            if (cell != lastCell)
            {
                _nextActive[_nextActiveCount++] = cell;
                _nextWinners[_nextWinnerCount++] = cell;
                lastCell = cell;
            }
            if (learn) Reinforce(segment);
        }
    }

    private void Burst(int column, int matchingStart, int matchingEnd, bool learn)
    {
        int first = column * _cellsPerColumn;
        for (int c = 0; c < _cellsPerColumn; c++) _nextActive[_nextActiveCount++] = first + c;
        int winner;
        if (matchingEnd > matchingStart)
        {
            int best = _matchingSegments[matchingStart];
            for (int i = matchingStart + 1; i < matchingEnd; i++)
                if (_activePotential[_matchingSegments[i]] > _activePotential[best]) best = _matchingSegments[i];
            winner = SegmentCell[best];
            if (learn) Reinforce(best);
        }
        else
        {
            winner = LeastUsedCell(first);
            if (learn && WinnerPresynapticCount > 0)
            {
                int segment = CreateSegment(winner);
                GrowSynapses(segment, Math.Min(_maxNewSynapses, WinnerPresynapticCount));
            }
        }
        _nextWinners[_nextWinnerCount++] = winner;
    }

    // Learning on a segment that was active or best matching: adapt, then grow toward previous winners.
    private void Reinforce(int segment)
    {
        int desired = _maxNewSynapses - _activePotential[segment];
        if (!AdaptSegment(segment)) return;
        GrowSynapses(segment, desired);
    }

    private int LeastUsedCell(int firstCell)
    {
        int fewest = int.MaxValue, ties = 0, local = firstCell - _firstCell;
        for (int c = local; c < local + _cellsPerColumn; c++)
        {
            int n = _cellSegments.Count(c);
            if (n < fewest) { fewest = n; ties = 1; }
            else if (n == fewest) ties++;
        }
        int pick = ColumnRng().NextInt(ties);
        for (int c = local; ; c++)
            if (_cellSegments.Count(c) == fewest && pick-- == 0) return c + _firstCell;
    }

    // The current column's generator: the same numbers whichever range or order the column is computed in.
    private Rng ColumnRng()
    {
        if (!_rngSeeded)
        {
            _rng.Reseed(Rng.Derive(_seed, StepStream | (ulong)Iteration, (ulong)_rngColumn));
            _rngSeeded = true;
        }
        return _rng;
    }

    /// <summary>Reinforces synapses from previously active cells, weakens the rest; false if the segment died.</summary>
    private bool AdaptSegment(int segment)
    {
        var synapses = _segmentSynapses.Get(segment);
        for (int i = synapses.Length - 1; i >= 0; i--)
        {
            int synapse = synapses[i];
            float p = SynapsePermanence[synapse];
            p = _isPreviouslyActive[SynapsePresynaptic[synapse]] != 0 ? Math.Min(1f, p + _increment) : p - _decrement;
            if (p < MinPermanence) DestroySynapseAt(segment, i);
            else SynapsePermanence[synapse] = p;
        }
        if (_segmentSynapses.Count(segment) > 0) return true;
        DestroySegment(segment);
        return false;
    }

    private void Punish(int segment)
    {
        var synapses = _segmentSynapses.Get(segment);
        for (int i = synapses.Length - 1; i >= 0; i--)
        {
            int synapse = synapses[i];
            if (_isPreviouslyActive[SynapsePresynaptic[synapse]] == 0) continue;
            float p = SynapsePermanence[synapse] - _punishment;
            if (p < MinPermanence) DestroySynapseAt(segment, i);
            else SynapsePermanence[synapse] = p;
        }
        if (_segmentSynapses.Count(segment) == 0) DestroySegment(segment);
    }

    private void GrowSynapses(int segment, int desired)
    {
        if (desired <= 0) return;
        var existing = _segmentSynapses.Get(segment);
        foreach (int s in existing) _mark[SynapsePresynaptic[s]] = 1;
        int n = 0;
        for (int i = 0; i < WinnerPresynapticCount; i++)
        {
            int cell = WinnerPresynaptic[i];
            if (_mark[cell] == 0) _candidates[n++] = cell;
        }
        foreach (int s in existing) _mark[SynapsePresynaptic[s]] = 0;
        int take = Math.Min(Math.Min(desired, n), _maxSynapsesPerSegment);
        if (take == 0) return;
        int overflow = _segmentSynapses.Count(segment) + take - _maxSynapsesPerSegment;
        for (; overflow > 0; overflow--) DestroyWeakestSynapse(segment);
        ColumnRng().SampleInPlace(_candidates.AsSpan(0, n), take);
        for (int i = 0; i < take; i++) CreateSynapse(segment, _candidates[i], _initial);
    }

    private void ActivateDendritesCore(bool learn, ReadOnlySpan<int> activeCells, ReadOnlySpan<int> winnerCells, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        for (int i = 0; i < ActivePresynapticCount; i++) _isPreviouslyActive[ActivePresynaptic[i]] = 0;
        OwnActiveCount = activeCells.Length;
        OwnWinnerCount = winnerCells.Length;
        ActivePresynapticCount = AppendCells(ActivePresynaptic, activeCells, externalActive);
        WinnerPresynapticCount = AppendCells(WinnerPresynaptic, winnerCells, externalWinners);
        for (int i = 0; i < ActivePresynapticCount; i++) _isPreviouslyActive[ActivePresynaptic[i]] = 1;
        ComputeSegmentActivity(learn);
    }

    private int AppendCells(int[] target, ReadOnlySpan<int> own, ReadOnlySpan<int> external)
    {
        own.CopyTo(target);
        int n = own.Length, previous = -1;
        foreach (int e in external)
        {
            if (e <= previous || e >= Parameters.ExternalInputSize) throw new ArgumentException("External cells must be ascending, unique and below ExternalInputSize.", nameof(external));
            previous = e;
            target[n++] = CellCount + e;
        }
        return n;
    }

    private void ClearDendrites()
    {
        for (int i = 0; i < _touchedCount; i++)
        {
            int s = _touched[i];
            _activeConnected[s] = 0;
            _activePotential[s] = 0;
        }
        _touchedCount = _activeSegmentCount = _matchingSegmentCount = _predictiveCount = 0;
    }

    /// <summary>Counts active synapses per segment for the current active cells; finds active and matching segments.</summary>
    private void ComputeSegmentActivity(bool learn)
    {
        ClearDendrites();
        var connected = _activeConnected;
        var potential = _activePotential;
        for (int i = 0; i < ActivePresynapticCount; i++)
        {
            foreach (int synapse in _presynapticSynapses.Get(ActivePresynaptic[i]))
            {
                int segment = SynapseSegment[synapse];
                if (potential[segment]++ == 0) _touched[_touchedCount++] = segment;
                if (SynapsePermanence[synapse] >= _connected) connected[segment]++;
            }
        }
        _activeSegmentCount = CollectSegments(connected, _activationThreshold, _activeSegments);
        _matchingSegmentCount = CollectSegments(potential, _minThreshold, _matchingSegments);
        int lastCell = -1;
        for (int i = 0; i < _activeSegmentCount; i++)
        {
            int segment = _activeSegments[i], cell = SegmentCell[segment];
            if (learn) SegmentLastUsed[segment] = Iteration;
            if (cell != lastCell) _predictiveCells[_predictiveCount++] = lastCell = cell;
        }
    }

    // Segments whose count reaches the threshold, ordered by (cell, creation step): never by id, which differs
    // between one memory and the same columns split over several.
    private int CollectSegments(int[] counts, int threshold, int[] output)
    {
        int n = 0;
        for (int i = 0; i < _touchedCount; i++)
        {
            int s = _touched[i];
            if (counts[s] >= threshold) _sortKeys[n++] = ((long)SegmentCell[s] << 32) | (uint)s;
        }
        var keys = _sortKeys.AsSpan(0, n);
        keys.Sort();
        var created = SegmentCreated;
        for (int i = 0, run = 0; i < n; i++)
        {
            int segment = (int)(uint)keys[i], j = i;
            if (i == 0 || keys[i] >> 32 != keys[i - 1] >> 32) run = i; // a new cell: nothing to reorder
            else for (; j > run && created[output[j - 1]] > created[segment]; j--) output[j] = output[j - 1];
            output[j] = segment;
        }
        return n;
    }
}
