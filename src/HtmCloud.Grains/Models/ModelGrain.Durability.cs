using HtmCloud.Grains.Durability;
using HtmCloud.Htm.Snapshots;
using Microsoft.Extensions.Logging;

namespace HtmCloud.Grains.Models;

// Checkpoints, restore and replay.
public sealed partial class ModelGrain
{
    public async Task<CheckpointInfo> CheckpointAsync()
    {
        var state = _state!;
        var existing = await checkpoints.ListAsync(ModelId);
        if (existing.Count > 0 && existing[0].Seq == state.RecordsProcessed && _checkpointSeq == state.RecordsProcessed) return existing[0];
        var snapshots = await Task.WhenAll(Enumerable.Range(0, state.Graph.Plan.PoolCount).Select(i => Pool(i).SaveAsync()));
        var winners = state.PreviousWinners.Select((w, p) => w[..state.PreviousWinnerCounts[p]]).ToArray();
        var data = new ModelCheckpoint(state.RecordsProcessed, state.LastTimestamp, winners, snapshots).Encode();
        var info = await checkpoints.SaveAsync(ModelId, state.RecordsProcessed, ModelCheckpoint.FormatVersion, data);
        _checkpointSeq = state.RecordsProcessed;
        _lastCheckpoint = DateTime.UtcNow;
        try
        {
            // Only a checkpoint read back intact lets the log behind the previous one go.
            ModelCheckpoint.Decode(await checkpoints.LoadAsync(ModelId, info.Id) ?? [], state.Graph.Plan.PoolCount);
        }
        catch (SnapshotFormatException e)
        {
            logger.LogError(e, "Checkpoint {CheckpointId} of model {ModelId} did not read back; the log is kept", info.Id, ModelId);
            return info;
        }
        var kept = await ApplyRetentionAsync();
        if (kept.Count > 1) await log.TrimThroughAsync(ModelId, kept[1].Seq);
        return info;
    }

    public async Task<CheckpointInfo?> RestoreAsync(Guid checkpointId)
    {
        var state = _state!;
        var data = await checkpoints.LoadAsync(ModelId, checkpointId);
        if (data is null) return null;
        var checkpoint = ModelCheckpoint.Decode(data, state.Graph.Plan.PoolCount);
        await ApplyAsync(state, checkpoint);
        await log.DiscardAfterAsync(ModelId, checkpoint.Seq);
        var all = await checkpoints.ListAsync(ModelId);
        await checkpoints.DeleteAsync(ModelId, all.Where(c => c.Seq > checkpoint.Seq).Select(c => c.Id).ToArray());
        _checkpointSeq = checkpoint.Seq;
        return all.First(c => c.Id == checkpointId);
    }

    /// <summary>
    /// Loads the newest checkpoint that reads back (older ones on failure, else a fresh model), below
    /// <paramref name="checkpointBefore"/> when given, and replays the log after it. Keys of logged batches the
    /// checkpoint already covers are noted, so a retry of one is answered by re-running from an older checkpoint
    /// instead of learning twice. Returns the outcomes of the batch starting at <paramref name="keepOutcomeOfSeq"/>.
    /// </summary>
    private async Task<RecordOutcome[]> RestoreLatestAsync(CancellationToken cancellationToken, long keepOutcomeOfSeq = -1, long checkpointBefore = long.MaxValue)
    {
        var state = _state = new ModelGrainState(_state!.Graph);
        ModelCheckpoint? restored = null;
        foreach (var info in await checkpoints.ListAsync(ModelId, cancellationToken))
        {
            if (info.Seq >= checkpointBefore) continue;
            try
            {
                var checkpoint = ModelCheckpoint.Decode(await checkpoints.LoadAsync(ModelId, info.Id, cancellationToken) ?? [], state.Graph.Plan.PoolCount);
                await ApplyAsync(state, checkpoint);
                restored = checkpoint;
                break;
            }
            catch (SnapshotFormatException e)
            {
                logger.LogWarning(e, "Checkpoint {CheckpointId} (seq {Seq}) of model {ModelId} is unreadable; trying an older one", info.Id, info.Seq, ModelId);
            }
        }
        if (restored is null) await ApplyAsync(state, null);
        _checkpointSeq = state.RecordsProcessed;
        RecordOutcome[] kept = [];
        foreach (var batch in await log.ReadAfterAsync(ModelId, 0, cancellationToken))
        {
            if (batch.FirstSeq <= state.RecordsProcessed)
            {
                if (batch.IdempotencyKey is not null) state.CoveredBatches[batch.IdempotencyKey] = batch.FirstSeq;
                continue;
            }
            if (batch.FirstSeq != state.RecordsProcessed + 1)
                throw new InvalidOperationException($"Input log of model {ModelId} has a gap: expected seq {state.RecordsProcessed + 1}, found {batch.FirstSeq}.");
            var results = await RunAsync(state, batch.Batch);
            if (batch.IdempotencyKey is not null) Remember(state, batch.IdempotencyKey, new BatchOutcome(results, null));
            if (batch.FirstSeq == keepOutcomeOfSeq) kept = results;
        }
        return kept;
    }

    /// <summary>
    /// A retried batch that a checkpoint already covers (its answer was lost in a crash): re-run from a checkpoint
    /// before it to recover its results; the model ends where it was.
    /// </summary>
    private async Task<BatchOutcome> RecoverCoveredBatchAsync(long firstSeq)
    {
        var results = await RestoreLatestAsync(CancellationToken.None, keepOutcomeOfSeq: firstSeq, checkpointBefore: firstSeq);
        return new BatchOutcome(results, null);
    }

    // Puts every pool and the model's own counters at the checkpoint (or at the start when null).
    private async Task ApplyAsync(ModelGrainState state, ModelCheckpoint? checkpoint)
    {
        await Task.WhenAll(Enumerable.Range(0, state.Graph.Plan.PoolCount).Select(i => Pool(i).LoadAsync(checkpoint?.Pools[i])));
        state.RecordsProcessed = checkpoint?.Seq ?? 0;
        state.LastTimestamp = checkpoint?.LastTimestamp;
        state.Last = null;
        state.Batches.Clear();
        state.CoveredBatches.Clear();
        state.BatchOrder.Clear();
        for (int p = 0; p < state.PreviousWinners.Length; p++)
        {
            var winners = checkpoint?.PreviousWinners[p] ?? [];
            winners.CopyTo(state.PreviousWinners[p], 0);
            state.PreviousWinnerCounts[p] = winners.Length;
        }
    }

    // Keeps the newest few and the newest of each recent day; returns what is kept, newest first.
    private async Task<IReadOnlyList<CheckpointInfo>> ApplyRetentionAsync()
    {
        var all = await checkpoints.ListAsync(ModelId);
        var keep = all.Take(options.KeepLatest).ToList();
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        foreach (var day in all.Skip(options.KeepLatest).GroupBy(c => c.CreatedAt.UtcDateTime.Date))
            if ((today - day.Key).TotalDays < options.KeepDaily) keep.Add(day.First());
        var drop = all.Where(c => !keep.Contains(c)).Select(c => c.Id).ToArray();
        if (drop.Length > 0) await checkpoints.DeleteAsync(ModelId, drop);
        return keep;
    }
}
