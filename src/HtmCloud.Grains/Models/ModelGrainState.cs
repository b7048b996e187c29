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

    /// <summary>Position of each engine field (plan order) in the document's field list.</summary>
    public int[] DocumentIndexOfPlanField { get; } = graph.Plan.FieldNames.Select(n => graph.Document.Fields.ToList().FindIndex(f => f.Name == n)).ToArray();
}
