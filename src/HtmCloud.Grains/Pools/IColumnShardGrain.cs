namespace HtmCloud.Grains.Pools;

/// <summary>
/// One column range of a sharded pool (key "<c>{modelId}/{poolIndex}/{shardIndex}</c>"): holds its columns' pooler
/// and memory state. The pool grain drives a record in three calls, in this order, on every shard.
/// </summary>
public interface IColumnShardGrain : IGrainWithStringKey
{
    /// <summary>Overlaps of this range for the pool's input; its winner candidates. <paramref name="step"/> = records the shard must have processed.</summary>
    Task<ShardCandidates> ComputeOverlapsAsync(long step, int[] input, bool learn);

    /// <summary>The pool's winners (all, ascending): this range learns and activates its cells.</summary>
    Task<ShardCells> ActivateColumnsAsync(int[] poolActiveColumns, float poolMaxOverlapDutyCycle, bool learn);

    /// <summary>The pool's active and winner cells of this record (and external cells): this range's predictive cells.</summary>
    Task<int[]> ActivateDendritesAsync(int[] activeCells, int[] winnerCells, int[] external, bool learn);

    /// <summary>The shard's engine snapshot.</summary>
    Task<byte[]> SaveAsync();

    /// <summary>Replaces the shard's state with a snapshot, or with a fresh range when null.</summary>
    Task LoadAsync(byte[]? snapshot);

    /// <summary>Deactivates, dropping the in-memory state.</summary>
    Task DeactivateAsync();
}
