namespace HtmCloud.Grains.Models;

/// <summary>One model (key: model id): orders records, runs its pools, keeps the last results.</summary>
public interface IModelGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Processes a batch in order; with an idempotency key already seen, returns the stored outcome without
    /// learning again.
    /// </summary>
    Task<BatchOutcome> ProcessAsync(RecordBatch batch, string? idempotencyKey);

    /// <summary>Records processed and the last record's full outcome.</summary>
    Task<ModelStatus> GetStatusAsync();

    /// <summary>Writes a checkpoint of the current state now (returns the newest one when nothing changed since).</summary>
    Task<Durability.CheckpointInfo> CheckpointAsync();

    /// <summary>Continues from a stored checkpoint, discarding later log and checkpoints; null when it is not this model's.</summary>
    Task<Durability.CheckpointInfo?> RestoreAsync(Guid checkpointId);

    /// <summary>Deactivates (after a checkpoint when asked); the next call restores from checkpoint and log.</summary>
    Task DeactivateAsync(bool checkpoint);

    /// <summary>Drops the model's state (and its pools') and deactivates.</summary>
    Task DeleteAsync();
}
