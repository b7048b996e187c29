using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Models;

/// <summary>
/// Runs a graph of pools in-process, one record at a time: pools run in topological order (a fed pool after
/// its source, reading the source's output of the same record); pools of a group see each other's winner
/// cells of the previous record as external distal input, exchanged at the step boundary. This is the
/// reference the service's grains must match bit for bit.
/// </summary>
public sealed class PoolGraph
{
    private readonly string[] _fieldNames;
    private readonly int[] _order;
    private readonly int[] _source;
    private readonly FieldValue[][] _poolRecords;
    private readonly int[][] _fieldMaps;
    private readonly Sdr?[] _feeds;
    private readonly int[][] _groupPeers;
    private readonly int[][] _peerOffsets;
    private readonly int[][] _external;
    private readonly int[] _externalCount;
    internal readonly int[][] PreviousWinners;
    internal readonly int[] PreviousWinnerCount;
    private readonly PoolResult[] _results;

    public PoolGraph(PoolGraphParameters parameters)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "pool graph");
        Parameters = parameters;
        int n = parameters.Pools.Count;
        _order = parameters.TopologicalOrder()!;
        _source = parameters.Pools.Select(p => p.InputPool is null ? -1 : parameters.IndexOf(p.InputPool)).ToArray();
        _fieldNames = parameters.Pools.SelectMany(p => p.Model.Fields).Select(f => f.Name).Distinct().ToArray();
        _groupPeers = parameters.Pools.Select((p, i) => p.Group is null ? [] :
            Enumerable.Range(0, n).Where(j => j != i && parameters.Pools[j].Group == p.Group).ToArray()).ToArray();

        Pools = new HtmModel[n];
        foreach (int i in _order) Pools[i] = BuildPool(i);
        _peerOffsets = new int[n][];
        _external = new int[n][];
        _externalCount = new int[n];
        for (int i = 0; i < n; i++)
        {
            var peers = _groupPeers[i];
            _peerOffsets[i] = new int[peers.Length];
            int offset = 0;
            for (int k = 0; k < peers.Length; k++) { _peerOffsets[i][k] = offset; offset += Pools[peers[k]].TemporalMemory.CellCount; }
            _external[i] = new int[offset];
        }
        PreviousWinners = Pools.Select(p => new int[p.TemporalMemory.CellCount]).ToArray();
        PreviousWinnerCount = new int[n];
        _fieldMaps = parameters.Pools.Select(p => p.Model.Fields.Select(f => Array.IndexOf(_fieldNames, f.Name)).ToArray()).ToArray();
        _poolRecords = _fieldMaps.Select(m => new FieldValue[m.Length]).ToArray();
        _feeds = Pools.Select((p, i) => _source[i] < 0 ? null : new Sdr(p.InputSize)).ToArray();
        _results = Pools.Select(p => p.Result).ToArray();
    }

    public PoolGraphParameters Parameters { get; }

    /// <summary>The pools, in the order of <see cref="PoolGraphParameters.Pools"/>.</summary>
    public HtmModel[] Pools { get; }

    /// <summary>Record field names, in the order <see cref="Compute"/> expects their values.</summary>
    public IReadOnlyList<string> FieldNames => _fieldNames;

    /// <summary>Records processed.</summary>
    public long Step { get; internal set; }

    /// <summary>Runs every pool on one record (values in <see cref="FieldNames"/> order); results per pool, reused.</summary>
    public IReadOnlyList<PoolResult> Compute(ReadOnlySpan<FieldValue> record, bool learn = true)
    {
        if (record.Length != _fieldNames.Length) throw new ArgumentException($"Expected {_fieldNames.Length} field values, got {record.Length}.", nameof(record));
        foreach (int i in _order)
        {
            FillExternal(i);
            var external = _external[i].AsSpan(0, _externalCount[i]);
            if (_source[i] < 0)
            {
                var values = _poolRecords[i];
                var map = _fieldMaps[i];
                for (int f = 0; f < map.Length; f++) values[f] = record[map[f]];
                Pools[i].Compute(values, learn, external, external);
            }
            else
            {
                var feed = _feeds[i]!;
                FillFeed(Pools[_source[i]].Result, Parameters.Pools[i].InputKind, feed);
                Pools[i].Compute(feed, double.NaN, learn, external, external);
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

    private HtmModel BuildPool(int i)
    {
        var definition = Parameters.Pools[i];
        var model = definition.Model;
        int external = _groupPeers[i].Sum(j => CellCountOf(Parameters.Pools[j].Model));
        model = model with { TemporalMemory = model.TemporalMemory with { ExternalInputSize = external } };
        if (_source[i] >= 0)
        {
            var source = Pools[_source[i]];
            int inputSize = definition.InputKind == PoolInputKind.ActiveColumns ? source.SpatialPooler.NumColumns : source.TemporalMemory.CellCount;
            model = model with { InputSize = inputSize };
        }
        return new HtmModel(model);
    }

    private static int CellCountOf(HtmModelParameters model) =>
        HtmModelParameters.ColumnCountOf(model.SpatialPooler) * model.TemporalMemory.CellsPerColumn;

    // Peers' winners of the previous record, each shifted by the peer's offset: ascending by construction.
    private void FillExternal(int pool)
    {
        var peers = _groupPeers[pool];
        var target = _external[pool];
        int n = 0;
        for (int k = 0; k < peers.Length; k++)
        {
            int offset = _peerOffsets[pool][k], peer = peers[k];
            var winners = PreviousWinners[peer];
            for (int w = 0; w < PreviousWinnerCount[peer]; w++) target[n++] = offset + winners[w];
        }
        _externalCount[pool] = n;
    }

    private static void FillFeed(PoolResult source, PoolInputKind kind, Sdr feed)
    {
        switch (kind)
        {
            case PoolInputKind.ActiveColumns: feed.CopyFrom(source.ActiveColumns); break;
            case PoolInputKind.ActiveCells: feed.SetSortedUnchecked(source.ActiveCells); break;
            default: feed.SetSortedUnchecked(source.WinnerCells); break;
        }
    }
}
