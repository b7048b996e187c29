using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// Spatial pooler (Numenta's SP as described in BAMI and Cui, Ahmad and Hawkins 2017), stored as flat
/// arrays: each column's potential synapses are one contiguous slot range, and every input keeps the list
/// of columns it is currently connected to, so the overlap step touches only connected synapses of active
/// inputs. Nothing is allocated per step.
/// A pooler may hold only a column range of a larger pool (a shard): it then computes overlaps, local winner
/// candidates and learning for its columns, and the pool picks the global winners (<see cref="GlobalInhibition"/>).
/// The whole pooler runs exactly those steps with one range, so a sharded pool gives the same bits.
/// </summary>
public sealed class SpatialPooler
{
    private readonly int[] _inputDims, _columnDims;
    private readonly float _connected, _activeInc, _inactiveDec, _belowStimulusInc;

    // Per column of this range (local index = column − FirstColumn): potential slot range; per slot: input and permanence.
    internal readonly int[] PotentialStart;
    internal readonly int[] PotentialInput;
    internal readonly float[] Permanence;
    internal readonly int[] ConnectedCount;
    internal readonly float[] OverlapDutyCycle, ActiveDutyCycle, BoostFactor;
    internal readonly int[] TieRank;
    internal int InhibitionRadius;
    internal long Iteration, LearnIteration;

    // Derived index: per input, the columns (and slots) connected to it; rebuilt from permanences on load.
    private readonly int[] _inputStart, _connCount, _connColumn, _connSlot, _connPos;
    private readonly int[] _columnOfRank;

    // Scratch, reused every step.
    private readonly int[] _overlaps, _winners;
    private readonly int[]? _neighbours;
    private readonly float[] _boosted;
    private readonly long[] _heap;
    private readonly byte[] _spanRows, _spanColumns;
    private int _winnerCount;
    private Sdr? _input;
    private float _maxOverlapDutyCycle;

    public SpatialPooler(SpatialPoolerParameters parameters) : this(parameters, 0, parameters.NumColumns) { }

    /// <summary>A pooler for columns [<paramref name="firstColumn"/>, +<paramref name="columnCount"/>) of the pool (global inhibition only unless whole).</summary>
    public SpatialPooler(SpatialPoolerParameters parameters, int firstColumn, int columnCount)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "spatial pooler parameters");
        if (firstColumn < 0 || columnCount < 1 || (long)firstColumn + columnCount > parameters.NumColumns)
            throw new ArgumentOutOfRangeException(nameof(columnCount), "Column range must lie within the pool.");
        if (columnCount != parameters.NumColumns && !parameters.GlobalInhibition)
            throw new ArgumentException("Only a pooler with global inhibition can be split into column ranges.", nameof(parameters));
        Parameters = parameters;
        _inputDims = (int[])parameters.InputDimensions.Clone();
        _columnDims = (int[])parameters.ColumnDimensions.Clone();
        NumInputs = parameters.NumInputs;
        NumColumns = parameters.NumColumns;
        FirstColumn = firstColumn;
        RangeColumns = columnCount;
        _connected = parameters.SynPermConnected;
        _activeInc = parameters.SynPermActiveInc;
        _inactiveDec = parameters.SynPermInactiveDec;
        _belowStimulusInc = parameters.SynPermConnected / 10f;

        int n = columnCount;
        PotentialStart = new int[n + 1];
        (PotentialInput, Permanence) = InitialisePotentialPools();
        ConnectedCount = new int[n];
        OverlapDutyCycle = new float[n];
        ActiveDutyCycle = new float[n];
        BoostFactor = new float[n];
        Array.Fill(BoostFactor, 1f);
        var ranks = GlobalInhibition.TieRanks(parameters.Seed, NumColumns);
        TieRank = ranks.AsSpan(firstColumn, n).ToArray();

        _inputStart = new int[NumInputs + 1];
        _connCount = new int[NumInputs];
        _connColumn = new int[PotentialInput.Length];
        _connSlot = new int[PotentialInput.Length];
        _connPos = new int[PotentialInput.Length];
        _columnOfRank = IsWhole ? new int[NumColumns] : [];
        _overlaps = new int[n];
        _boosted = new float[n];
        _winners = new int[n];
        _heap = new long[n];
        if (!parameters.GlobalInhibition) _neighbours = new int[NumColumns];
        _spanRows = new byte[_inputDims[0]];
        _spanColumns = new byte[_inputDims[^1]];
        RebuildIndex();
        InhibitionRadius = parameters.GlobalInhibition ? 0 : ComputeInhibitionRadius();
    }

    public SpatialPoolerParameters Parameters { get; }
    public int NumInputs { get; }
    /// <summary>Columns of the whole pool.</summary>
    public int NumColumns { get; }

    /// <summary>First column of this pooler's range (0 for a whole pooler).</summary>
    public int FirstColumn { get; }

    /// <summary>Columns in this pooler's range (<see cref="NumColumns"/> for a whole pooler).</summary>
    public int RangeColumns { get; }

    /// <summary>Whether this pooler holds every column of its pool.</summary>
    public bool IsWhole => RangeColumns == NumColumns;

    /// <summary>Winners the pool picks per step with global inhibition.</summary>
    public int GlobalTargetActive => GlobalInhibition.TargetActive(Parameters);

    /// <summary>Overlap of each column of the range with the last input (connected synapses on active bits).</summary>
    public ReadOnlySpan<int> Overlaps => _overlaps;

    /// <summary>Boost factor of each column.</summary>
    public ReadOnlySpan<float> BoostFactors => BoostFactor;

    /// <summary>Active duty cycle of each column (moving average of being a winner).</summary>
    public ReadOnlySpan<float> ActiveDutyCycles => ActiveDutyCycle;

    /// <summary>Overlap duty cycle of each column (moving average of overlap above zero).</summary>
    public ReadOnlySpan<float> OverlapDutyCycles => OverlapDutyCycle;

    /// <summary>Number of connected synapses of a column.</summary>
    public int GetConnectedCount(int column) => ConnectedCount[column - FirstColumn];

    /// <summary>Inputs in a column's potential pool, ascending.</summary>
    public ReadOnlySpan<int> GetPotentialInputs(int column) => PotentialInput.AsSpan(PotentialStart[column - FirstColumn], PotentialStart[column - FirstColumn + 1] - PotentialStart[column - FirstColumn]);

    /// <summary>Permanences of a column's potential synapses, in the order of <see cref="GetPotentialInputs"/>.</summary>
    public ReadOnlySpan<float> GetPermanences(int column) => Permanence.AsSpan(PotentialStart[column - FirstColumn], PotentialStart[column - FirstColumn + 1] - PotentialStart[column - FirstColumn]);

    /// <summary>Current inhibition radius in columns (0 with global inhibition).</summary>
    public int CurrentInhibitionRadius => InhibitionRadius;

    /// <summary>Steps computed so far, with and without learning.</summary>
    public long Iterations => Iteration;

    /// <summary>Maps <paramref name="input"/> to active columns, learning if asked.</summary>
    public void Compute(Sdr input, bool learn, Sdr activeColumns)
    {
        if (!IsWhole) throw new InvalidOperationException("A column range of a pool cannot pick winners on its own; the pool does.");
        if (activeColumns.Size != NumColumns) throw new ArgumentException($"Output has {activeColumns.Size} bits, the pooler has {NumColumns} columns.", nameof(activeColumns));
        ComputeOverlaps(input, learn);
        if (Parameters.GlobalInhibition) InhibitGlobal();
        else InhibitLocal();
        if (learn)
        {
            Learn(_winners.AsSpan(0, _winnerCount), MaxOverlapDutyCycle);
            if (!Parameters.GlobalInhibition) InhibitionRadius = ComputeInhibitionRadius();
        }
        activeColumns.SetSortedUnchecked(_winners.AsSpan(0, _winnerCount));
    }

    /// <summary>
    /// Step, part 1 (every range): overlaps and boosted overlaps of this range's columns for <paramref name="input"/>;
    /// when learning, also the duty cycles (decay, and overlap duty from the overlaps) and the largest overlap duty cycle of the range.
    /// </summary>
    public void ComputeOverlaps(Sdr input, bool learn)
    {
        if (input.Size != NumInputs) throw new ArgumentException($"Input has {input.Size} bits, the pooler expects {NumInputs}.", nameof(input));
        Iteration++;
        if (learn) LearnIteration++;
        _input = input;
        ComputeOverlaps(input.Sparse);
        ApplyBoost();
        if (learn) UpdateOverlapDutyCycles();
    }

    /// <summary>Largest overlap duty cycle of this range after the last learning step (the pool takes the maximum over ranges).</summary>
    public float MaxOverlapDutyCycle => _maxOverlapDutyCycle;

    /// <summary>
    /// Step, part 2 (every range, global inhibition): this range's best columns by (boosted overlap, tie rank), at
    /// most the pool's target count, as keys for <see cref="GlobalInhibition"/>. Returns how many were written.
    /// </summary>
    public int CollectCandidates(Span<long> keys)
    {
        int n = FillHeap();
        _heap.AsSpan(0, n).CopyTo(keys);
        return n;
    }

    /// <summary>
    /// Step, part 3 (learning): adapts this range's <paramref name="winners"/> (ascending pool column indices within
    /// the range), updates active duty cycles, bumps weak columns against the pool's largest overlap duty cycle,
    /// and updates boost factors. Needs <see cref="ComputeOverlaps(Sdr, bool)"/> with learning first.
    /// </summary>
    public void Learn(ReadOnlySpan<int> winners, float poolMaxOverlapDutyCycle)
    {
        var dense = _input!.Dense;
        foreach (int column in winners) AdaptColumn(column - FirstColumn, dense);
        UpdateActiveDutyCycles(winners);
        BumpWeakColumns(poolMaxOverlapDutyCycle);
        UpdateBoostFactors();
    }

    private void ComputeOverlaps(ReadOnlySpan<int> activeInputs)
    {
        Array.Clear(_overlaps);
        var overlaps = _overlaps;
        var columns = _connColumn;
        foreach (int input in activeInputs)
        {
            int start = _inputStart[input], end = start + _connCount[input];
            for (int p = start; p < end; p++) overlaps[columns[p]]++;
        }
    }

    private void ApplyBoost()
    {
        if (Parameters.BoostStrength == 0)
        {
            for (int c = 0; c < _boosted.Length; c++) _boosted[c] = _overlaps[c];
            return;
        }
        for (int c = 0; c < _boosted.Length; c++) _boosted[c] = _overlaps[c] * BoostFactor[c];
    }

    private int TargetActive(int areaSize) => Parameters.LocalAreaDensity is double density
        ? Math.Max(1, (int)(0.5 + density * areaSize))
        : Math.Min(Parameters.NumActiveColumnsPerInhArea, areaSize);

    private double TargetDensity => Parameters.LocalAreaDensity
        ?? (Parameters.GlobalInhibition
            ? (double)Parameters.NumActiveColumnsPerInhArea / NumColumns
            : Math.Min(0.5, (double)Parameters.NumActiveColumnsPerInhArea / Topology.NeighbourhoodSize(_columnDims, InhibitionRadius)));

    // Ties in boosted overlap go to the column with the higher random rank, fixed at construction.
    private long Key(int column) => GlobalInhibition.Key(_boosted[column], TieRank[column]);

    // Size-k heap of this range's best keys; k is the pool's target, so the pool's winners are among them.
    private int FillHeap()
    {
        int k = TargetActive(NumColumns), n = 0, threshold = Parameters.StimulusThreshold;
        var heap = _heap;
        for (int c = 0; c < RangeColumns; c++)
        {
            if (_overlaps[c] < threshold) continue;
            long key = Key(c);
            if (n == k && key <= heap[0]) continue; // the common case, without a call
            GlobalInhibition.Offer(heap, ref n, k, key);
        }
        return n;
    }

    private void InhibitGlobal() => _winnerCount = GlobalInhibition.Winners(_heap.AsSpan(0, FillHeap()), _columnOfRank, _winners);

    private void InhibitLocal()
    {
        int radius = InhibitionRadius, threshold = Parameters.StimulusThreshold, n = 0;
        var neighbours = _neighbours!;
        for (int c = 0; c < NumColumns; c++)
        {
            if (_overlaps[c] < threshold) continue;
            int count = Topology.Neighbourhood(c, _columnDims, radius, Parameters.WrapAround, neighbours);
            int allowed = TargetActive(count), better = 0;
            long key = Key(c);
            for (int i = 0; i < count && better < allowed; i++)
            {
                int other = neighbours[i];
                if (other != c && Key(other) > key) better++;
            }
            if (better < allowed) _winners[n++] = c;
        }
        _winnerCount = n;
    }

    // Column arguments from here on are local indices within the range.
    private void AdaptColumn(int column, ReadOnlySpan<byte> activeInputs)
    {
        int start = PotentialStart[column], end = PotentialStart[column + 1];
        var perms = Permanence;
        var inputs = PotentialInput;
        for (int s = start; s < end; s++)
        {
            float p = perms[s];
            bool was = p >= _connected;
            p = activeInputs[inputs[s]] != 0 ? Math.Min(1f, p + _activeInc) : Math.Max(0f, p - _inactiveDec);
            perms[s] = p;
            if ((p >= _connected) != was) ToggleConnected(column, s, !was);
        }
        RaiseToStimulusThreshold(column);
    }

    // Keeps every learning column able to reach the stimulus threshold.
    private void RaiseToStimulusThreshold(int column)
    {
        int start = PotentialStart[column], end = PotentialStart[column + 1];
        int reachable = Math.Min(Parameters.StimulusThreshold, end - start);
        while (ConnectedCount[column] < reachable) BumpColumn(column, start, end);
    }

    private void BumpColumn(int column, int start, int end)
    {
        for (int s = start; s < end; s++)
        {
            float p = Permanence[s];
            bool was = p >= _connected;
            p = Math.Min(1f, p + _belowStimulusInc);
            Permanence[s] = p;
            if (!was && p >= _connected) ToggleConnected(column, s, true);
        }
    }

    private (float Keep, float Add) DutyPeriod()
    {
        float period = Math.Min(Parameters.DutyCyclePeriod, LearnIteration);
        return ((period - 1) / period, 1 / period);
    }

    // Both duty cycles decay here (neither is read before learning); winners get their share in Learn.
    private void UpdateOverlapDutyCycles()
    {
        var (keep, add) = DutyPeriod();
        float max = 0;
        for (int c = 0; c < RangeColumns; c++)
        {
            float d = OverlapDutyCycle[c] * keep + (_overlaps[c] > 0 ? add : 0f);
            OverlapDutyCycle[c] = d;
            if (d > max) max = d;
            ActiveDutyCycle[c] *= keep;
        }
        _maxOverlapDutyCycle = max;
    }

    private void UpdateActiveDutyCycles(ReadOnlySpan<int> winners)
    {
        float add = DutyPeriod().Add;
        foreach (int column in winners) ActiveDutyCycle[column - FirstColumn] += add;
    }

    private void BumpWeakColumns(float poolMax)
    {
        if (Parameters.MinPctOverlapDutyCycles == 0) return;
        float min = (float)(Parameters.MinPctOverlapDutyCycles * poolMax);
        for (int c = 0; c < RangeColumns; c++)
            if (OverlapDutyCycle[c] < min) BumpColumn(c, PotentialStart[c], PotentialStart[c + 1]);
    }

    private void UpdateBoostFactors()
    {
        if (Parameters.BoostStrength == 0) return;
        float target = (float)TargetDensity, strength = (float)Parameters.BoostStrength;
        for (int c = 0; c < RangeColumns; c++) BoostFactor[c] = MathF.Exp(-(ActiveDutyCycle[c] - target) * strength);
    }

    // Average connected span of a column's receptive field, scaled to columns (BAMI "inhibition radius").
    private int ComputeInhibitionRadius()
    {
        double spanSum = 0;
        for (int c = 0; c < NumColumns; c++) spanSum += ConnectedSpan(c);
        double avgSpan = spanSum / NumColumns;
        double columnsPerInput = 0;
        for (int d = 0; d < _inputDims.Length; d++) columnsPerInput += (double)_columnDims[d] / _inputDims[d];
        columnsPerInput /= _inputDims.Length;
        double diameter = avgSpan * columnsPerInput;
        return Math.Max(1, (int)Math.Round((diameter - 1) / 2));
    }

    private double ConnectedSpan(int column)
    {
        int width = _inputDims.Length == 1 ? _inputDims[0] : _inputDims[1];
        int height = _inputDims.Length == 1 ? 1 : _inputDims[0];
        Array.Clear(_spanRows, 0, height);
        Array.Clear(_spanColumns, 0, width);
        bool any = false;
        for (int s = PotentialStart[column]; s < PotentialStart[column + 1]; s++)
        {
            if (Permanence[s] < _connected) continue;
            int input = PotentialInput[s];
            _spanRows[input / width] = 1;
            _spanColumns[input % width] = 1;
            any = true;
        }
        if (!any) return 0;
        double columns = Span(_spanColumns.AsSpan(0, width));
        return _inputDims.Length == 1 ? columns : (Span(_spanRows.AsSpan(0, height)) + columns) / 2.0;
    }

    // Length of the shortest arc (with wrap-around) or interval (without) covering every marked coordinate.
    private int Span(ReadOnlySpan<byte> marked)
    {
        int first = marked.IndexOf((byte)1), last = marked.LastIndexOf((byte)1);
        int largestGap = first + marked.Length - last;
        if (Parameters.WrapAround)
            for (int i = first, previous = first; i <= last; i++)
            {
                if (marked[i] == 0) continue;
                largestGap = Math.Max(largestGap, i - previous);
                previous = i;
            }
        return marked.Length - largestGap + 1;
    }

    // Each column draws from its own stream (seed, column), so any column range builds exactly its part of the pool.
    private (int[] Inputs, float[] Permanences) InitialisePotentialPools()
    {
        var candidates = new int[NumInputs];
        // Sizes first, so the pools go straight into arrays of their final length (a new model is built on every
        // activation of a fresh pool; growing lists doubled its memory traffic).
        for (int c = 0; c < RangeColumns; c++)
            PotentialStart[c + 1] = PotentialStart[c] + PoolSize(Topology.Neighbourhood(Topology.ColumnCentre(FirstColumn + c, _columnDims, _inputDims), _inputDims, Parameters.PotentialRadius, Parameters.WrapAround, candidates));
        var inputs = new int[PotentialStart[RangeColumns]];
        var perms = new float[inputs.Length];
        var chosen = new bool[NumInputs];
        var rng = new Rng(0);
        float maxInitial = Parameters.InitialConnectedMaximum ?? Math.Min(1f, _connected + 0.1f);
        for (int c = 0; c < RangeColumns; c++)
        {
            int column = FirstColumn + c;
            rng.Reseed(Rng.Derive(Parameters.Seed, GlobalInhibition.PotentialPoolStream, (ulong)column));
            int centre = Topology.ColumnCentre(column, _columnDims, _inputDims);
            int count = Topology.Neighbourhood(centre, _inputDims, Parameters.PotentialRadius, Parameters.WrapAround, candidates);
            int take = PoolSize(count), start = PotentialStart[c];
            rng.SampleInPlace(candidates.AsSpan(0, count), take);
            SortSample(candidates.AsSpan(0, take), chosen);
            for (int i = 0; i < take; i++)
            {
                inputs[start + i] = candidates[i];
                perms[start + i] = rng.NextDouble() < Parameters.InitialConnectedPct
                    ? _connected + rng.NextFloat() * (maxInitial - _connected)
                    : rng.NextFloat() * _connected;
            }
        }
        return (inputs, perms);
    }

    private int PoolSize(int neighbourhood) => Math.Max(1, (int)Math.Round(Parameters.PotentialPct * neighbourhood));

    // Ascending order of a sample of input indices: a pass over marks when the sample is a large share of the
    // inputs (the usual global potential pool), a comparison sort otherwise.
    private static void SortSample(Span<int> sample, bool[] chosen)
    {
        if ((long)sample.Length * 16 < chosen.Length)
        {
            sample.Sort();
            return;
        }
        foreach (int input in sample) chosen[input] = true;
        int n = 0;
        for (int i = 0; i < chosen.Length && n < sample.Length; i++)
        {
            if (!chosen[i]) continue;
            chosen[i] = false;
            sample[n++] = i;
        }
    }

    /// <summary>Rebuilds the per-input connection lists and counts from the permanences.</summary>
    internal void RebuildIndex()
    {
        Array.Clear(_inputStart);
        foreach (int input in PotentialInput) _inputStart[input + 1]++;
        for (int i = 0; i < NumInputs; i++) _inputStart[i + 1] += _inputStart[i];
        Array.Clear(_connCount);
        Array.Clear(ConnectedCount);
        Array.Fill(_connPos, -1);
        for (int c = 0; c < RangeColumns; c++)
            for (int s = PotentialStart[c]; s < PotentialStart[c + 1]; s++)
                if (Permanence[s] >= _connected) ToggleConnected(c, s, true);
        if (IsWhole) for (int c = 0; c < NumColumns; c++) _columnOfRank[TieRank[c]] = c;
    }

    private void ToggleConnected(int column, int slot, bool connect)
    {
        int input = PotentialInput[slot];
        if (connect)
        {
            int pos = _inputStart[input] + _connCount[input]++;
            _connColumn[pos] = column;
            _connSlot[pos] = slot;
            _connPos[slot] = pos;
            ConnectedCount[column]++;
        }
        else
        {
            int pos = _connPos[slot], last = _inputStart[input] + --_connCount[input];
            _connColumn[pos] = _connColumn[last];
            _connSlot[pos] = _connSlot[last];
            _connPos[_connSlot[pos]] = pos;
            _connPos[slot] = -1;
            ConnectedCount[column]--;
        }
    }
}
