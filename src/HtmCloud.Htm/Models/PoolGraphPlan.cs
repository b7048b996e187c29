using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Models;

/// <summary>
/// The wiring of a validated pool graph: run order, each pool's source and group peers, the record fields
/// each pool reads, and each pool's model parameters with its input and external sizes filled in. Both the
/// in-process <see cref="PoolGraph"/> and the service's grains step pools through this one plan, so they
/// cannot drift apart.
/// </summary>
public sealed class PoolGraphPlan
{
    private readonly string[] _fieldNames;
    private readonly int[] _order, _source;
    private readonly int[][] _peers, _peerOffsets, _fieldMaps;
    private readonly HtmModelParameters[] _models;

    public PoolGraphPlan(PoolGraphParameters parameters)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "pool graph");
        Parameters = parameters;
        var pools = parameters.Pools;
        int n = pools.Count;
        _order = parameters.TopologicalOrder()!;
        _source = pools.Select(p => p.InputPool is null ? -1 : parameters.IndexOf(p.InputPool)).ToArray();
        _fieldNames = pools.SelectMany(p => p.Model.Fields).Select(f => f.Name).Distinct().ToArray();
        _fieldMaps = pools.Select(p => p.Model.Fields.Select(f => Array.IndexOf(_fieldNames, f.Name)).ToArray()).ToArray();
        _peers = pools.Select((p, i) => p.Group is null ? [] :
            Enumerable.Range(0, n).Where(j => j != i && pools[j].Group == p.Group).ToArray()).ToArray();
        var cellCounts = pools.Select(p => HtmModelParameters.ColumnCountOf(p.Model.SpatialPooler) * p.Model.TemporalMemory.CellsPerColumn).ToArray();
        _peerOffsets = _peers.Select(peers =>
        {
            var offsets = new int[peers.Length];
            for (int k = 1; k < peers.Length; k++) offsets[k] = offsets[k - 1] + cellCounts[peers[k - 1]];
            return offsets;
        }).ToArray();
        _models = new HtmModelParameters[n];
        foreach (int i in _order)
        {
            var model = pools[i].Model;
            int external = _peers[i].Sum(j => cellCounts[j]);
            model = model with { TemporalMemory = model.TemporalMemory with { ExternalInputSize = external } };
            if (_source[i] >= 0)
            {
                var source = _models[_source[i]];
                int columns = HtmModelParameters.ColumnCountOf(source.SpatialPooler);
                model = model with { InputSize = pools[i].InputKind == PoolInputKind.ActiveColumns ? columns : columns * source.TemporalMemory.CellsPerColumn };
            }
            _models[i] = model;
        }
        CellCounts = cellCounts;
    }

    public PoolGraphParameters Parameters { get; }

    /// <summary>Number of pools.</summary>
    public int PoolCount => _models.Length;

    /// <summary>Pool indices in run order: every pool after the pool that feeds it.</summary>
    public IReadOnlyList<int> Order => _order;

    /// <summary>Record field names, in the order a record's values are given.</summary>
    public IReadOnlyList<string> FieldNames => _fieldNames;

    /// <summary>Cells of each pool's temporal memory.</summary>
    public IReadOnlyList<int> CellCounts { get; }

    /// <summary>Whether any pool belongs to a group (then records must be stepped one at a time).</summary>
    public bool HasGroups => _peers.Any(p => p.Length > 0);

    /// <summary>The pool feeding <paramref name="pool"/>, or −1 when it encodes record fields.</summary>
    public int SourceOf(int pool) => _source[pool];

    /// <summary>Model parameters of a pool, with input and external sizes set.</summary>
    public HtmModelParameters ModelOf(int pool) => _models[pool];

    /// <summary>Copies a pool's fields out of a whole record (values in <see cref="FieldNames"/> order).</summary>
    public void SelectFields<T>(int pool, ReadOnlySpan<T> record, Span<T> poolRecord)
    {
        var map = _fieldMaps[pool];
        for (int f = 0; f < map.Length; f++) poolRecord[f] = record[map[f]];
    }

    /// <summary>Number of fields a pool reads.</summary>
    public int FieldCountOf(int pool) => _fieldMaps[pool].Length;

    /// <summary>
    /// Writes the external distal input of <paramref name="pool"/>: its group peers' winner cells of the
    /// previous record, each peer shifted by its offset, so the result is ascending. Returns the count.
    /// </summary>
    public int FillExternal(int pool, int[][] previousWinners, int[] previousWinnerCounts, Span<int> target)
    {
        var peers = _peers[pool];
        int n = 0;
        for (int k = 0; k < peers.Length; k++)
        {
            int offset = _peerOffsets[pool][k], peer = peers[k];
            var winners = previousWinners[peer];
            for (int w = 0; w < previousWinnerCounts[peer]; w++) target[n++] = offset + winners[w];
        }
        return n;
    }

    /// <summary>Size of a pool's external input.</summary>
    public int ExternalSizeOf(int pool) => _models[pool].TemporalMemory.ExternalInputSize;

    /// <summary>Sets a fed pool's input from its source's output of the same record.</summary>
    public void FillFeed(int pool, ReadOnlySpan<int> activeColumns, ReadOnlySpan<int> activeCells, ReadOnlySpan<int> winnerCells, Sdr feed)
    {
        switch (Parameters.Pools[pool].InputKind)
        {
            case PoolInputKind.ActiveColumns: feed.SetSortedUnchecked(activeColumns); break;
            case PoolInputKind.ActiveCells: feed.SetSortedUnchecked(activeCells); break;
            default: feed.SetSortedUnchecked(winnerCells); break;
        }
    }
}
