namespace HtmCloud.Htm.Algorithms;

// Segment and synapse tables: creation, destruction and the indexes that follow them.
public sealed partial class TemporalMemory
{
    private int CreateSegment(int cell)
    {
        if (_cellSegments.Count(cell - _firstCell) >= _maxSegmentsPerCell) DestroySegment(LeastRecentlyUsedSegment(cell));
        int segment;
        if (_freeSegments.Count > 0) segment = _freeSegments.Pop();
        else
        {
            segment = SegmentHighWater++;
            EnsureSegmentCapacity(SegmentHighWater);
        }
        SegmentCell[segment] = cell;
        SegmentLastUsed[segment] = Iteration;
        SegmentCreated[segment] = Iteration;
        _cellSegments.Add(cell - _firstCell, segment);
        return segment;
    }

    // Oldest last use; ties go to the oldest segment, so the choice depends on neither list order nor ids.
    private int LeastRecentlyUsedSegment(int cell)
    {
        int best = -1;
        foreach (int s in _cellSegments.Get(cell - _firstCell))
            if (best < 0 || SegmentLastUsed[s] < SegmentLastUsed[best] || (SegmentLastUsed[s] == SegmentLastUsed[best] && SegmentCreated[s] < SegmentCreated[best]))
                best = s;
        return best;
    }

    private void DestroySegment(int segment)
    {
        foreach (int synapse in _segmentSynapses.Get(segment))
        {
            _presynapticSynapses.Remove(SynapsePresynaptic[synapse], synapse);
            FreeSynapse(synapse);
        }
        _segmentSynapses.Clear(segment);
        _cellSegments.Remove(SegmentCell[segment] - _firstCell, segment);
        SegmentCell[segment] = -1;
        _freeSegments.Push(segment);
    }

    private void CreateSynapse(int segment, int presynaptic, float permanence)
    {
        int synapse;
        if (_freeSynapses.Count > 0) synapse = _freeSynapses.Pop();
        else
        {
            synapse = SynapseHighWater++;
            if (synapse == SynapsePresynaptic.Length)
            {
                int size = synapse * 2;
                Array.Resize(ref SynapsePresynaptic, size);
                Array.Resize(ref SynapsePermanence, size);
                Array.Resize(ref SynapseSegment, size);
            }
        }
        SynapsePresynaptic[synapse] = presynaptic;
        SynapsePermanence[synapse] = permanence;
        SynapseSegment[synapse] = segment;
        _segmentSynapses.Add(segment, synapse);
        _presynapticSynapses.Add(presynaptic, synapse);
    }

    private void DestroySynapseAt(int segment, int index)
    {
        int synapse = _segmentSynapses.Get(segment)[index];
        _segmentSynapses.RemoveAt(segment, index);
        _presynapticSynapses.Remove(SynapsePresynaptic[synapse], synapse);
        FreeSynapse(synapse);
    }

    // Lowest permanence; ties by a hash of (segment's cell and creation step, presynaptic cell): unique within a
    // segment, never an id, and unbiased (the lowest cell index would always lose synapses to low columns first).
    private void DestroyWeakestSynapse(int segment)
    {
        var synapses = _segmentSynapses.Get(segment);
        int weakest = 0;
        for (int i = 1; i < synapses.Length; i++)
        {
            float p = SynapsePermanence[synapses[i]], w = SynapsePermanence[synapses[weakest]];
            if (p < w || (p == w && SynapseTieKey(segment, synapses[i]) < SynapseTieKey(segment, synapses[weakest]))) weakest = i;
        }
        DestroySynapseAt(segment, weakest);
    }

    private ulong SynapseTieKey(int segment, int synapse) =>
        Utils.Rng.Derive((ulong)SegmentCreated[segment], (ulong)SegmentCell[segment], (ulong)SynapsePresynaptic[synapse]);

    private void FreeSynapse(int synapse)
    {
        SynapseSegment[synapse] = -1;
        _freeSynapses.Push(synapse);
    }

    private void EnsureSegmentCapacity(int count)
    {
        if (count > SegmentCell.Length)
        {
            int size = Math.Max(count, SegmentCell.Length * 2);
            Array.Resize(ref SegmentCell, size);
            Array.Resize(ref SegmentLastUsed, size);
            Array.Resize(ref SegmentCreated, size);
        }
        ResizeSegmentScratch(SegmentCell.Length);
    }

    // Per-segment step arrays follow the segment table's capacity.
    private void ResizeSegmentScratch(int size)
    {
        _segmentSynapses.EnsureHandles(size);
        if (_activeConnected.Length >= size) return;
        Array.Resize(ref _activeConnected, size);
        Array.Resize(ref _activePotential, size);
        Array.Resize(ref _touched, size);
        Array.Resize(ref _activeSegments, size);
        Array.Resize(ref _matchingSegments, size);
        Array.Resize(ref _sortKeys, size);
    }

    /// <summary>
    /// Rebuilds the list indexes from the segment and synapse tables (after a snapshot load), then the
    /// dendrite state of the current active cells. Lists are filled in id order: no result depends on list
    /// order, because every tie is broken by id and free ids are reused lowest first.
    /// </summary>
    internal void RebuildAfterLoad()
    {
        EnsureSegmentCapacity(SegmentHighWater);
        _segmentSynapses.Reset();
        _cellSegments.Reset();
        _presynapticSynapses.Reset();
        _freeSegments.Clear();
        _freeSynapses.Clear();
        for (int s = 0; s < SegmentHighWater; s++)
            if (SegmentCell[s] >= 0) _cellSegments.Add(SegmentCell[s] - _firstCell, s);
            else _freeSegments.Push(s);
        for (int y = 0; y < SynapseHighWater; y++)
        {
            int segment = SynapseSegment[y];
            if (segment < 0) { _freeSynapses.Push(y); continue; }
            _segmentSynapses.Add(segment, y);
            _presynapticSynapses.Add(SynapsePresynaptic[y], y);
        }
        Array.Clear(_isPreviouslyActive);
        for (int i = 0; i < ActivePresynapticCount; i++) _isPreviouslyActive[ActivePresynaptic[i]] = 1;
        Array.Clear(_activeConnected);
        Array.Clear(_activePotential);
        _touchedCount = 0;
        ComputeSegmentActivity(learn: false);
    }

    /// <summary>Approximate bytes held by the memory's arrays.</summary>
    public long MemoryBytes =>
        SegmentCell.Length * (4L + 8 + 8 + 4 * 5 + 8) + SynapsePresynaptic.Length * 12L +
        (_segmentSynapses.ReservedInts + _cellSegments.ReservedInts + _presynapticSynapses.ReservedInts) * 4 +
        _presynapticSize * (4L * 4 + 2) + CellCount * 8L;
}
