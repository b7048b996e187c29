using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// Spatial pooler (Numenta's SP as described in BAMI and Cui, Ahmad and Hawkins 2017), stored as flat
/// arrays: each column's potential synapses are one contiguous slot range, and every input keeps the list
/// of columns it is currently connected to, so the overlap step touches only connected synapses of active
/// inputs. Nothing is allocated per step.
/// </summary>
public sealed class SpatialPooler
{
    private readonly int[] _inputDims, _columnDims;
    private readonly float _connected, _activeInc, _inactiveDec, _belowStimulusInc;

    // Per column: potential slot range; per slot: input and permanence.
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
    private readonly int[] _overlaps, _winners, _neighbours;
    private readonly float[] _boosted;
    private readonly long[] _heap;
    private readonly byte[] _spanRows, _spanColumns;
    private int _winnerCount;

    public SpatialPooler(SpatialPoolerParameters parameters)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "spatial pooler parameters");
        Parameters = parameters;
        _inputDims = (int[])parameters.InputDimensions.Clone();
        _columnDims = (int[])parameters.ColumnDimensions.Clone();
        NumInputs = parameters.NumInputs;
        NumColumns = parameters.NumColumns;
        _connected = parameters.SynPermConnected;
        _activeInc = parameters.SynPermActiveInc;
        _inactiveDec = parameters.SynPermInactiveDec;
        _belowStimulusInc = parameters.SynPermConnected / 10f;

        var rng = new Rng(parameters.Seed);
        PotentialStart = new int[NumColumns + 1];
        (PotentialInput, Permanence) = InitialisePotentialPools(rng);
        ConnectedCount = new int[NumColumns];
        OverlapDutyCycle = new float[NumColumns];
        ActiveDutyCycle = new float[NumColumns];
        BoostFactor = new float[NumColumns];
        Array.Fill(BoostFactor, 1f);
        TieRank = new int[NumColumns];
        for (int c = 0; c < NumColumns; c++) TieRank[c] = c;
        rng.Shuffle(TieRank);

        _inputStart = new int[NumInputs + 1];
        _connCount = new int[NumInputs];
        _connColumn = new int[PotentialInput.Length];
        _connSlot = new int[PotentialInput.Length];
        _connPos = new int[PotentialInput.Length];
        _columnOfRank = new int[NumColumns];
        _overlaps = new int[NumColumns];
        _boosted = new float[NumColumns];
        _winners = new int[NumColumns];
        _heap = new long[NumColumns];
        _neighbours = new int[NumColumns];
        _spanRows = new byte[_inputDims[0]];
        _spanColumns = new byte[_inputDims[^1]];
        RebuildIndex();
        InhibitionRadius = parameters.GlobalInhibition ? 0 : ComputeInhibitionRadius();
    }

    public SpatialPoolerParameters Parameters { get; }
    public int NumInputs { get; }
    public int NumColumns { get; }

    /// <summary>Overlap of each column with the last input (connected synapses on active bits).</summary>
    public ReadOnlySpan<int> Overlaps => _overlaps;

    /// <summary>Boost factor of each column.</summary>
    public ReadOnlySpan<float> BoostFactors => BoostFactor;

    /// <summary>Active duty cycle of each column (moving average of being a winner).</summary>
    public ReadOnlySpan<float> ActiveDutyCycles => ActiveDutyCycle;

    /// <summary>Overlap duty cycle of each column (moving average of overlap above zero).</summary>
    public ReadOnlySpan<float> OverlapDutyCycles => OverlapDutyCycle;

    /// <summary>Number of connected synapses of a column.</summary>
    public int GetConnectedCount(int column) => ConnectedCount[column];

    /// <summary>Inputs in a column's potential pool, ascending.</summary>
    public ReadOnlySpan<int> GetPotentialInputs(int column) => PotentialInput.AsSpan(PotentialStart[column], PotentialStart[column + 1] - PotentialStart[column]);

    /// <summary>Permanences of a column's potential synapses, in the order of <see cref="GetPotentialInputs"/>.</summary>
    public ReadOnlySpan<float> GetPermanences(int column) => Permanence.AsSpan(PotentialStart[column], PotentialStart[column + 1] - PotentialStart[column]);

    /// <summary>Current inhibition radius in columns (0 with global inhibition).</summary>
    public int CurrentInhibitionRadius => InhibitionRadius;

    /// <summary>Steps computed so far, with and without learning.</summary>
    public long Iterations => Iteration;

    /// <summary>Maps <paramref name="input"/> to active columns, learning if asked.</summary>
    public void Compute(Sdr input, bool learn, Sdr activeColumns)
    {
        if (input.Size != NumInputs) throw new ArgumentException($"Input has {input.Size} bits, the pooler expects {NumInputs}.", nameof(input));
        if (activeColumns.Size != NumColumns) throw new ArgumentException($"Output has {activeColumns.Size} bits, the pooler has {NumColumns} columns.", nameof(activeColumns));
        Iteration++;
        if (learn) LearnIteration++;

        ComputeOverlaps(input.Sparse);
        ApplyBoost();
        if (Parameters.GlobalInhibition) InhibitGlobal();
        else InhibitLocal();

        if (learn)
        {
            var dense = input.Dense;
            for (int i = 0; i < _winnerCount; i++) AdaptColumn(_winners[i], dense);
            UpdateDutyCycles();
            BumpWeakColumns();
            UpdateBoostFactors();
            if (!Parameters.GlobalInhibition) InhibitionRadius = ComputeInhibitionRadius();
        }
        activeColumns.SetSortedUnchecked(_winners.AsSpan(0, _winnerCount));
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
    private long Key(int column) => ((long)BitConverter.SingleToInt32Bits(_boosted[column]) << 32) | (uint)TieRank[column];

    private void InhibitGlobal()
    {
        int k = TargetActive(NumColumns), n = 0, threshold = Parameters.StimulusThreshold;
        var heap = _heap;
        for (int c = 0; c < NumColumns; c++)
        {
            if (_overlaps[c] < threshold) continue;
            long key = Key(c);
            if (n < k) { heap[n] = key; SiftUp(heap, n++); }
            else if (key > heap[0]) { heap[0] = key; SiftDown(heap, 0, n); }
        }
        for (int i = 0; i < n; i++) _winners[i] = _columnOfRank[(int)(uint)heap[i]];
        _winnerCount = n;
        Array.Sort(_winners, 0, n);
    }

    private void InhibitLocal()
    {
        int radius = InhibitionRadius, threshold = Parameters.StimulusThreshold, n = 0;
        for (int c = 0; c < NumColumns; c++)
        {
            if (_overlaps[c] < threshold) continue;
            int count = Topology.Neighbourhood(c, _columnDims, radius, Parameters.WrapAround, _neighbours);
            int allowed = TargetActive(count), better = 0;
            long key = Key(c);
            for (int i = 0; i < count && better < allowed; i++)
            {
                int other = _neighbours[i];
                if (other != c && Key(other) > key) better++;
            }
            if (better < allowed) _winners[n++] = c;
        }
        _winnerCount = n;
    }

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

    private void UpdateDutyCycles()
    {
        float period = Math.Min(Parameters.DutyCyclePeriod, LearnIteration);
        float keep = (period - 1) / period, add = 1 / period;
        for (int c = 0; c < NumColumns; c++)
        {
            OverlapDutyCycle[c] = OverlapDutyCycle[c] * keep + (_overlaps[c] > 0 ? add : 0f);
            ActiveDutyCycle[c] *= keep;
        }
        for (int i = 0; i < _winnerCount; i++) ActiveDutyCycle[_winners[i]] += add;
    }

    private void BumpWeakColumns()
    {
        if (Parameters.MinPctOverlapDutyCycles == 0) return;
        float max = 0;
        foreach (float d in OverlapDutyCycle) if (d > max) max = d;
        float min = (float)(Parameters.MinPctOverlapDutyCycles * max);
        for (int c = 0; c < NumColumns; c++)
            if (OverlapDutyCycle[c] < min) BumpColumn(c, PotentialStart[c], PotentialStart[c + 1]);
    }

    private void UpdateBoostFactors()
    {
        if (Parameters.BoostStrength == 0) return;
        float target = (float)TargetDensity, strength = (float)Parameters.BoostStrength;
        for (int c = 0; c < NumColumns; c++) BoostFactor[c] = MathF.Exp(-(ActiveDutyCycle[c] - target) * strength);
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

    private (int[] Inputs, float[] Permanences) InitialisePotentialPools(Rng rng)
    {
        var candidates = new int[NumInputs];
        // Sizes first, so the pools go straight into arrays of their final length (a new model is built on every
        // activation of a fresh pool; growing lists doubled its memory traffic).
        for (int c = 0; c < NumColumns; c++)
            PotentialStart[c + 1] = PotentialStart[c] + PoolSize(Topology.Neighbourhood(Topology.ColumnCentre(c, _columnDims, _inputDims), _inputDims, Parameters.PotentialRadius, Parameters.WrapAround, candidates));
        var inputs = new int[PotentialStart[NumColumns]];
        var perms = new float[inputs.Length];
        var chosen = new bool[NumInputs];
        float maxInitial = Parameters.InitialConnectedMaximum ?? Math.Min(1f, _connected + 0.1f);
        for (int c = 0; c < NumColumns; c++)
        {
            int centre = Topology.ColumnCentre(c, _columnDims, _inputDims);
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
        for (int c = 0; c < NumColumns; c++)
            for (int s = PotentialStart[c]; s < PotentialStart[c + 1]; s++)
                if (Permanence[s] >= _connected) ToggleConnected(c, s, true);
        for (int c = 0; c < NumColumns; c++) _columnOfRank[TieRank[c]] = c;
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

    private static void SiftUp(long[] heap, int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent] <= heap[i]) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown(long[] heap, int i, int n)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < n && heap[l] < heap[m]) m = l;
            if (r < n && heap[r] < heap[m]) m = r;
            if (m == i) return;
            (heap[m], heap[i]) = (heap[i], heap[m]);
            i = m;
        }
    }
}
