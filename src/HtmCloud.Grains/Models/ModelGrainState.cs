using HtmCloud.Grains.Graphs;

namespace HtmCloud.Grains.Models;

/// <summary>A model's in-memory state: sequence counter, ordering, group exchange buffers, recent batches.</summary>
public sealed class ModelGrainState(CompiledGraph graph)
{
    public const int RememberedBatches = 256;

    public CompiledGraph Graph { get; } = graph;
    public long RecordsProcessed { get; set; }
    public DateTime? LastTimestamp { get; set; }
    public RecordOutcome? Last { get; set; }

    /// <summary>Each pool's winner cells of the previous record (group exchange).</summary>
    public int[][] PreviousWinners { get; } = graph.Plan.CellCounts.Select(n => new int[n]).ToArray();
    public int[] PreviousWinnerCounts { get; } = new int[graph.Plan.PoolCount];

    /// <summary>Outcomes of recent batches by idempotency key, oldest first for eviction.</summary>
    public Dictionary<string, BatchOutcome> Batches { get; } = [];
    public Queue<string> BatchOrder { get; } = new();

    /// <summary>Idempotency keys of logged batches inside the restored checkpoint, by first sequence number.</summary>
    public Dictionary<string, long> CoveredBatches { get; } = [];

    /// <summary>SDRs each pool must return: what the outputs ask for, winners for groups, its feed for fed pools.</summary>
    public Pools.PoolSdrs[] Wanted { get; } = WantedSdrs(graph);

    /// <summary>Position of each engine field (plan order) in the document's field list.</summary>
    public int[] DocumentIndexOfPlanField { get; } = graph.Plan.FieldNames.Select(n => graph.Document.Fields.ToList().FindIndex(f => f.Name == n)).ToArray();

    private static Pools.PoolSdrs[] WantedSdrs(CompiledGraph graph)
    {
        var outputs = graph.Document.Outputs;
        var plan = graph.Plan;
        var common = (outputs.ActiveColumns ? Pools.PoolSdrs.ActiveColumns : 0) | (outputs.ActiveCells ? Pools.PoolSdrs.ActiveCells : 0)
            | (outputs.WinnerCells ? Pools.PoolSdrs.WinnerCells : 0) | (outputs.PredictiveCells ? Pools.PoolSdrs.PredictiveCells : 0)
            | (plan.HasGroups ? Pools.PoolSdrs.WinnerCells : 0);
        var wanted = Enumerable.Repeat(common, plan.PoolCount).ToArray();
        for (int pool = 0; pool < plan.PoolCount; pool++)
            if (plan.SourceOf(pool) is int source and >= 0) wanted[source] |= Pools.PoolSdrs.All;
        return wanted;
    }
}
