using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;
using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Grains.Pools;

/// <summary>
/// A pool's in-memory state: its whole engine model, or for a sharded pool the pool-level coordinator (the
/// columns live in <see cref="IColumnShardGrain"/>s); plus reusable input buffers.
/// </summary>
public sealed class PoolGrainState
{
    public PoolGrainState(HtmModel model) : this(model.Parameters, model.InputSize) => Model = model;

    public PoolGrainState(ShardedPoolCoordinator coordinator, IColumnShardGrain[] shards) : this(coordinator.Parameters, coordinator.InputSize)
    {
        Coordinator = coordinator;
        Shards = shards;
    }

    private PoolGrainState(HtmModelParameters parameters, int inputSize)
    {
        Record = new FieldValue[parameters.Fields.Count];
        Feed = new Sdr(inputSize);
    }

    public HtmModel? Model { get; }
    public ShardedPoolCoordinator? Coordinator { get; }
    public IColumnShardGrain[] Shards { get; } = [];
    public FieldValue[] Record { get; }
    public Sdr Feed { get; }

    /// <summary>Records the pool has processed.</summary>
    public long Step => Model?.Result.Step ?? Coordinator!.Step;
}
