using HtmCloud.Grains.Durability;

namespace HtmCloud.Grains.Ports;

/// <summary>A model's stored checkpoints (the host implements it over the database).</summary>
public interface ICheckpointStore
{
    Task<CheckpointInfo> SaveAsync(Guid modelId, long seq, int formatVersion, byte[] data, CancellationToken cancellationToken = default);

    /// <summary>The model's checkpoints, newest (highest sequence, then latest) first.</summary>
    Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid modelId, CancellationToken cancellationToken = default);

    /// <summary>A checkpoint's bytes, or null when it is not the model's (or is gone).</summary>
    Task<byte[]?> LoadAsync(Guid modelId, Guid checkpointId, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid modelId, IReadOnlyCollection<Guid> checkpointIds, CancellationToken cancellationToken = default);
}
