namespace HtmCloud.Grains.Pools;

/// <summary>One pool of one model (key "<c>{modelId}/{poolIndex}</c>"): holds the pool's engine state.</summary>
public interface IPoolGrain : IGrainWithStringKey
{
    /// <summary>Runs the pool over consecutive records, learning; one outcome per record.</summary>
    Task<PoolStepOutcome[]> ComputeAsync(PoolStepInput input);

    /// <summary>Drops the pool's state and deactivates.</summary>
    Task DeleteAsync();
}
