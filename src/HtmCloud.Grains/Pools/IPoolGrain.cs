namespace HtmCloud.Grains.Pools;

/// <summary>One pool of one model (key "<c>{modelId}/{poolIndex}</c>"): holds the pool's engine state.</summary>
public interface IPoolGrain : IGrainWithStringKey
{
    /// <summary>Runs the pool over consecutive records, learning; one outcome per record.</summary>
    Task<PoolStepOutcome[]> ComputeAsync(PoolStepInput input);

    /// <summary>The pool's engine snapshot.</summary>
    Task<byte[]> SaveAsync();

    /// <summary>Replaces the pool's state with a snapshot, or with a fresh pool when null.</summary>
    Task LoadAsync(byte[]? snapshot);

    /// <summary>Deactivates, dropping the in-memory state (the model checkpoints first when it must).</summary>
    Task DeactivateAsync();

    /// <summary>Drops the pool's state and deactivates.</summary>
    Task DeleteAsync();
}
