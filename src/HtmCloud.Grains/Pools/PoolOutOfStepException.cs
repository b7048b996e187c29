namespace HtmCloud.Grains.Pools;

/// <summary>A pool grain's state is not at the step its model expects (it was deactivated on its own).</summary>
[GenerateSerializer]
public sealed class PoolOutOfStepException : Exception
{
    public PoolOutOfStepException(long expected, long actual) : base($"Pool is at step {actual}, its model expected {expected}.")
        => (Expected, Actual) = (expected, actual);

    [Id(0)] public long Expected { get; init; }
    [Id(1)] public long Actual { get; init; }
}
