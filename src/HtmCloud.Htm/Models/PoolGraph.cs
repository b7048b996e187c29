using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Htm.Models;

/// <summary>
/// Runs a graph of pools in-process, one record at a time: pools run in topological order (a fed pool after
/// its source, reading the source's output of the same record); pools of a group see each other's winner
/// cells of the previous record as external distal input, exchanged at the step boundary. This is the
/// reference the service's grains must match bit for bit; both step through a <see cref="PoolGraphPlan"/>.
/// </summary>
public sealed class PoolGraph
{
    private readonly FieldValue[][] _poolRecords;
    private readonly Sdr?[] _feeds;
    private readonly int[][] _external;
    internal readonly int[][] PreviousWinners;
    internal readonly int[] PreviousWinnerCount;
    private readonly PoolResult[] _results;

    public PoolGraph(PoolGraphParameters parameters)
    {
        Plan = new PoolGraphPlan(parameters);
        int n = Plan.PoolCount;
        Pools = new HtmModel[n];
        for (int i = 0; i < n; i++) Pools[i] = new HtmModel(Plan.ModelOf(i));
        _external = Pools.Select((_, i) => new int[Plan.ExternalSizeOf(i)]).ToArray();
        PreviousWinners = Pools.Select(p => new int[p.TemporalMemory.CellCount]).ToArray();
        PreviousWinnerCount = new int[n];
        _poolRecords = Pools.Select((_, i) => new FieldValue[Plan.FieldCountOf(i)]).ToArray();
        _feeds = Pools.Select((p, i) => Plan.SourceOf(i) < 0 ? null : new Sdr(p.InputSize)).ToArray();
        _results = Pools.Select(p => p.Result).ToArray();
    }

    public PoolGraphParameters Parameters => Plan.Parameters;

    /// <summary>The graph's wiring.</summary>
    public PoolGraphPlan Plan { get; }

    /// <summary>The pools, in the order of <see cref="PoolGraphParameters.Pools"/>.</summary>
    public HtmModel[] Pools { get; }

    /// <summary>Record field names, in the order <see cref="Compute"/> expects their values.</summary>
    public IReadOnlyList<string> FieldNames => Plan.FieldNames;

    /// <summary>Records processed.</summary>
    public long Step { get; internal set; }

    /// <summary>Runs every pool on one record (values in <see cref="FieldNames"/> order); results per pool, reused.</summary>
    public IReadOnlyList<PoolResult> Compute(ReadOnlySpan<FieldValue> record, bool learn = true)
    {
        if (record.Length != FieldNames.Count) throw new ArgumentException($"Expected {FieldNames.Count} field values, got {record.Length}.", nameof(record));
        var order = Plan.Order;
        for (int k = 0; k < order.Count; k++)
        {
            int i = order[k];
            int count = Plan.FillExternal(i, PreviousWinners, PreviousWinnerCount, _external[i]);
            var external = _external[i].AsSpan(0, count);
            int source = Plan.SourceOf(i);
            if (source < 0)
            {
                Plan.SelectFields(i, record, _poolRecords[i]);
                Pools[i].Compute(_poolRecords[i], learn, external, external);
            }
            else
            {
                var from = Pools[source].Result;
                Plan.FillFeed(i, from.ActiveColumns.Sparse, from.ActiveCells, from.WinnerCells, _feeds[i]!);
                Pools[i].Compute(_feeds[i]!, double.NaN, learn, external, external);
            }
        }
        for (int i = 0; i < Pools.Length; i++)
        {
            var winners = Pools[i].TemporalMemory.WinnerCells;
            winners.CopyTo(PreviousWinners[i]);
            PreviousWinnerCount[i] = winners.Length;
        }
        Step++;
        return _results;
    }

    /// <summary>Writes every pool's state and the group exchange buffers as one versioned snapshot.</summary>
    public void Save(Stream stream)
    {
        var writer = new SnapshotWriter(stream);
        writer.Section("graph");
        writer.Write(Pools.Length);
        writer.Write(Step);
        for (int i = 0; i < Pools.Length; i++)
        {
            writer.Write(PreviousWinners[i].AsSpan(0, PreviousWinnerCount[i]));
            HtmModelCodec.Write(writer, Pools[i]);
        }
        writer.Complete();
    }

    /// <summary>Restores state saved by <see cref="Save"/> into a graph built from the same parameters.</summary>
    /// <exception cref="SnapshotFormatException">Truncated, corrupt, newer or for another graph.</exception>
    public void Load(Stream stream)
    {
        var reader = new SnapshotReader(stream);
        reader.Section("graph");
        int pools = reader.ReadInt();
        if (pools != Pools.Length) throw new SnapshotFormatException($"Snapshot holds {pools} pools, this graph has {Pools.Length}.");
        Step = reader.ReadLong();
        for (int i = 0; i < Pools.Length; i++)
        {
            var winners = reader.ReadIntArray();
            if (winners.Length > PreviousWinners[i].Length) throw new SnapshotFormatException("Snapshot winner cells do not fit the pool.");
            foreach (int w in winners)
                if ((uint)w >= (uint)PreviousWinners[i].Length) throw new SnapshotFormatException("Snapshot winner cell out of range.");
            winners.CopyTo(PreviousWinners[i], 0);
            PreviousWinnerCount[i] = winners.Length;
            HtmModelCodec.Read(reader, Pools[i]);
        }
        reader.End();
    }
}
