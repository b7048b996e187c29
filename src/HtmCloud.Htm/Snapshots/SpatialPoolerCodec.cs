using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Htm.Snapshots;

/// <summary>Saves and restores a spatial pooler's learned state into a pooler built with the same parameters.</summary>
internal static class SpatialPoolerCodec
{
    public static void Write(SnapshotWriter w, SpatialPooler sp)
    {
        w.Section("sp");
        w.Write(sp.NumInputs);
        w.Write(sp.NumColumns);
        w.Write(sp.FirstColumn);
        w.Write(sp.RangeColumns);
        w.Write(sp.PotentialStart);
        w.Write(sp.PotentialInput);
        w.Write(sp.Permanence);
        w.Write(sp.OverlapDutyCycle);
        w.Write(sp.ActiveDutyCycle);
        w.Write(sp.BoostFactor);
        w.Write(sp.TieRank);
        w.Write(sp.InhibitionRadius);
        w.Write(sp.Iteration);
        w.Write(sp.LearnIteration);
    }

    public static void Read(SnapshotReader r, SpatialPooler sp)
    {
        r.Section("sp");
        int inputs = r.ReadInt(), columns = r.ReadInt();
        if (inputs != sp.NumInputs || columns != sp.NumColumns)
            throw new SnapshotFormatException($"Snapshot is of a pooler with {inputs} inputs and {columns} columns, this one has {sp.NumInputs} and {sp.NumColumns}.");
        int first = r.FormatVersion == 1 ? 0 : r.ReadInt(), range = r.FormatVersion == 1 ? columns : r.ReadInt();
        if (first != sp.FirstColumn || range != sp.RangeColumns)
            throw new SnapshotFormatException($"Snapshot is of columns {first}..{first + range - 1}, this pooler holds {sp.FirstColumn}..{sp.FirstColumn + sp.RangeColumns - 1}.");
        columns = range;
        r.ReadArray<int>(sp.PotentialStart.Length).CopyTo(sp.PotentialStart, 0);
        r.ReadArray<int>(sp.PotentialInput.Length).CopyTo(sp.PotentialInput, 0);
        r.ReadArray<float>(sp.Permanence.Length).CopyTo(sp.Permanence, 0);
        r.ReadArray<float>(columns).CopyTo(sp.OverlapDutyCycle, 0);
        r.ReadArray<float>(columns).CopyTo(sp.ActiveDutyCycle, 0);
        r.ReadArray<float>(columns).CopyTo(sp.BoostFactor, 0);
        r.ReadArray<int>(columns).CopyTo(sp.TieRank, 0);
        sp.InhibitionRadius = r.ReadInt();
        sp.Iteration = r.ReadLong();
        sp.LearnIteration = r.ReadLong();
        foreach (int input in sp.PotentialInput)
            if ((uint)input >= (uint)inputs) throw new SnapshotFormatException("Snapshot holds a synapse to an input out of range.");
        sp.RebuildIndex();
    }
}
