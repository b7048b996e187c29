using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Htm.Snapshots;

/// <summary>Saves and restores a temporal memory's segments, synapses and sequence context.</summary>
internal static class TemporalMemoryCodec
{
    public static void Write(SnapshotWriter w, TemporalMemory tm)
    {
        w.Section("tm");
        w.Write(tm.ColumnCount);
        w.Write(tm.Parameters.CellsPerColumn);
        w.Write(tm.Parameters.ExternalInputSize);
        w.Write(tm.FirstColumn);
        w.Write(tm.RangeColumns);
        w.Write(tm.Iteration);
        w.Write(tm.Anomaly);
        w.Write(tm.SegmentCell.AsSpan(0, tm.SegmentHighWater));
        w.Write(tm.SegmentLastUsed.AsSpan(0, tm.SegmentHighWater));
        w.Write(tm.SegmentCreated.AsSpan(0, tm.SegmentHighWater));
        w.Write(tm.SynapsePresynaptic.AsSpan(0, tm.SynapseHighWater));
        w.Write(tm.SynapsePermanence.AsSpan(0, tm.SynapseHighWater));
        w.Write(tm.SynapseSegment.AsSpan(0, tm.SynapseHighWater));
        w.Write(tm.ActivePresynaptic.AsSpan(0, tm.ActivePresynapticCount));
        w.Write(tm.WinnerPresynaptic.AsSpan(0, tm.WinnerPresynapticCount));
        w.Write(tm.OwnActiveCount);
        w.Write(tm.OwnWinnerCount);
    }

    public static void Read(SnapshotReader r, TemporalMemory tm)
    {
        r.Section("tm");
        int columns = r.ReadInt(), cellsPerColumn = r.ReadInt(), external = r.ReadInt();
        if (columns != tm.ColumnCount || cellsPerColumn != tm.Parameters.CellsPerColumn || external != tm.Parameters.ExternalInputSize)
            throw new SnapshotFormatException($"Snapshot is of a memory with {columns} columns of {cellsPerColumn} cells and {external} external inputs, this one has {tm.ColumnCount} of {tm.Parameters.CellsPerColumn} and {tm.Parameters.ExternalInputSize}.");
        int cells = columns * cellsPerColumn;
        // Version 1 had one generator for the whole memory (now derived per step and column) and no ranges.
        if (r.FormatVersion == 1) RngCodec.Read(r);
        int first = r.FormatVersion == 1 ? 0 : r.ReadInt(), range = r.FormatVersion == 1 ? columns : r.ReadInt();
        if (first != tm.FirstColumn || range != tm.RangeColumns)
            throw new SnapshotFormatException($"Snapshot is of columns {first}..{first + range - 1}, this memory holds {tm.FirstColumn}..{tm.FirstColumn + tm.RangeColumns - 1}.");
        tm.Iteration = r.ReadLong();
        tm.Anomaly = r.ReadFloat();
        var segmentCell = r.ReadIntArray();
        var lastUsed = r.ReadArray<long>(segmentCell.Length);
        // Version 1 kept no creation steps: ids stand in (negative, so older than anything created from now on).
        var created = r.FormatVersion == 1
            ? Enumerable.Range(0, segmentCell.Length).Select(s => (long)(s - segmentCell.Length)).ToArray()
            : r.ReadArray<long>(segmentCell.Length);
        var presynaptic = r.ReadIntArray();
        var permanence = r.ReadArray<float>(presynaptic.Length);
        var synapseSegment = r.ReadArray<int>(presynaptic.Length);
        var active = r.ReadIntArray();
        var winners = r.ReadIntArray();
        int ownActive = r.ReadInt(), ownWinners = r.ReadInt();

        int presynapticSize = cells + external;
        int firstCell = first * cellsPerColumn, endCell = firstCell + range * cellsPerColumn;
        foreach (int c in segmentCell) Check(c == -1 || (c >= firstCell && c < endCell), "segment on a cell out of range");
        foreach (int p in presynaptic) Check((uint)p < (uint)presynapticSize, "synapse from a cell out of range");
        foreach (int s in synapseSegment) Check(s >= -1 && s < segmentCell.Length && (s < 0 || segmentCell[s] >= 0), "synapse on a missing segment");
        foreach (int a in active) Check((uint)a < (uint)presynapticSize, "active cell out of range");
        foreach (int a in winners) Check((uint)a < (uint)presynapticSize, "winner cell out of range");
        Check(ownActive >= 0 && ownActive <= active.Length && ownWinners >= 0 && ownWinners <= winners.Length, "cell counts out of range");

        tm.SegmentHighWater = segmentCell.Length;
        tm.SegmentCell = Grow(segmentCell, 1024);
        tm.SegmentLastUsed = Grow(lastUsed, 1024);
        tm.SegmentCreated = Grow(created, 1024);
        tm.SynapseHighWater = presynaptic.Length;
        tm.SynapsePresynaptic = Grow(presynaptic, 4096);
        tm.SynapsePermanence = Grow(permanence, 4096);
        tm.SynapseSegment = Grow(synapseSegment, 4096);
        active.CopyTo(tm.ActivePresynaptic, 0);
        winners.CopyTo(tm.WinnerPresynaptic, 0);
        tm.ActivePresynapticCount = active.Length;
        tm.WinnerPresynapticCount = winners.Length;
        tm.OwnActiveCount = ownActive;
        tm.OwnWinnerCount = ownWinners;
        tm.RebuildAfterLoad();
    }

    private static T[] Grow<T>(T[] values, int minimum)
    {
        if (values.Length >= minimum) return values;
        Array.Resize(ref values, minimum);
        return values;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition) throw new SnapshotFormatException($"Snapshot is corrupt: {what}.");
    }
}
