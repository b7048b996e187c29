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

    /// <summary>Drops the model's state (and its pools') and deactivates.</summary>
    Task DeleteAsync();
}
