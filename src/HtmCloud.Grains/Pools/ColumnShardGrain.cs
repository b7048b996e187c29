using HtmCloud.Grains.Graphs;
using HtmCloud.Htm.Models;

namespace HtmCloud.Grains.Pools;

/// <summary>Holds one column range of a sharded pool and runs the engine's shard steps on it; no algorithm lives here.</summary>
[ColumnRangePlacementAttribute]
public sealed class ColumnShardGrain(GraphLoader loader) : Grain, IColumnShardGrain
{
    private HtmModelParameters? _parameters;
    private int _shardCount, _shardIndex;
    private ColumnShardGrainState? _state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString().Split('/');
        try
        {
            var graph = await loader.LoadAsync(Guid.Parse(key[0]), cancellationToken);
            int pool = int.Parse(key[1]);
            _parameters = graph.Plan.ModelOf(pool);
            _shardCount = graph.ShardsOf(pool);
            _shardIndex = int.Parse(key[2]);
        }
        catch (ModelNotFoundException)
        {
            // Deleted: an empty activation that only answers DeactivateAsync, as the pool and model grains do.
        }
    }

    // Built on first use: the pool's restore loads a snapshot (or asks for a fresh range) right after activation.
    private ColumnShardGrainState State => _state ??= new ColumnShardGrainState(NewShard());

    private ColumnShard NewShard() => new(_parameters ?? throw new ModelNotFoundException(Guid.Parse(this.GetPrimaryKeyString().Split('/')[0])), _shardCount, _shardIndex);

    public Task<ShardCandidates> ComputeOverlapsAsync(long step, int[] input, bool learn)
    {
        var state = State;
        if (state.Shard.SpatialPooler.Iterations != step || state.Phase != 0) throw new PoolOutOfStepException(step, state.Shard.SpatialPooler.Iterations);
        state.Shard.ComputeOverlaps(input, learn);
        state.Phase = 1;
        return Task.FromResult(new ShardCandidates(state.Shard.Candidates.ToArray(), state.Shard.MaxOverlapDutyCycle));
    }

    public Task<ShardCells> ActivateColumnsAsync(int[] poolActiveColumns, float poolMaxOverlapDutyCycle, bool learn)
    {
        var state = InPhase(1);
        state.Shard.ActivateColumns(poolActiveColumns, poolMaxOverlapDutyCycle, learn);
        state.Phase = 2;
        var tm = state.Shard.TemporalMemory;
        return Task.FromResult(new ShardCells(tm.RangeActiveCells.ToArray(), tm.RangeWinnerCells.ToArray(), tm.RangeActiveColumns, tm.RangePredictedColumns));
    }

    public Task<int[]> ActivateDendritesAsync(int[] activeCells, int[] winnerCells, int[] external, bool learn)
    {
        var state = InPhase(2);
        state.Shard.ActivateDendrites(learn, activeCells, winnerCells, external, external);
        state.Phase = 0;
        return Task.FromResult(state.Shard.PredictiveCells.ToArray());
    }

    public Task<byte[]> SaveAsync()
    {
        var state = InPhase(0);
        using var stream = new MemoryStream();
        state.Shard.Save(stream);
        return Task.FromResult(stream.ToArray());
    }

    public Task LoadAsync(byte[]? snapshot)
    {
        // A range that has not stepped yet is already the fresh one a null snapshot asks for.
        if (snapshot is null && _state is { Phase: 0 } current && current.Shard.SpatialPooler.Iterations == 0) return Task.CompletedTask;
        var shard = NewShard();
        if (snapshot is not null) shard.Load(new MemoryStream(snapshot));
        _state = new ColumnShardGrainState(shard);
        return Task.CompletedTask;
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    // A call out of the three-call order means this activation lost the record in flight (it was recreated).
    private ColumnShardGrainState InPhase(int phase)
    {
        var state = State;
        if (state.Phase != phase) throw new PoolOutOfStepException(state.Shard.SpatialPooler.Iterations, -1);
        return state;
    }
}
