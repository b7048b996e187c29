using HtmCloud.Grains.Durability;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Pools;
using HtmCloud.Grains.Ports;
using HtmCloud.Htm.Snapshots;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace HtmCloud.Grains.Models;

/// <summary>
/// Orders a model's records, logs each accepted batch before running it, and steps its pools through the graph
/// plan. Activation restores the newest readable checkpoint and replays the log after it, so a crash loses
/// nothing and, the engine being deterministic, changes nothing.
/// Placed on the node that first calls it (the one the client reached), so its requests need no extra hop.
/// </summary>
[PreferLocalPlacement]
public sealed partial class ModelGrain(
    GraphLoader loader, IInputLog log, ICheckpointStore checkpoints, DurabilityOptions options, ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    private ModelGrainState? _state;
    private long _checkpointSeq = -1;
    private DateTime _lastActivity = DateTime.UtcNow, _lastCheckpoint = DateTime.UtcNow;
    private bool _skipCheckpointOnDeactivation;

    private Guid ModelId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CompiledGraph graph;
        try
        {
            graph = await loader.LoadAsync(ModelId, cancellationToken);
        }
        catch (ModelNotFoundException)
        {
            // Deleted: stay an empty activation that only answers DeleteAsync (which then deactivates it). No
            // DeactivateOnIdle here: called during activation, it makes Orleans forward the pending call to a new
            // activation, which does the same, until the call is rejected (500 on DELETE).
            return;
        }
        _state = new ModelGrainState(graph);
        try
        {
            await RestoreLatestAsync(cancellationToken);
        }
        catch
        {
            // Half restored (a pool lost its state mid-replay, say): a checkpoint of this on deactivation would be corrupt.
            _skipCheckpointOnDeactivation = true;
            throw;
        }
        var tick = TimeSpan.FromSeconds(Math.Clamp(Math.Min(options.IdleSeconds / 4.0, options.CheckpointEverySeconds), 1, 60));
        this.RegisterGrainTimer(OnTimerAsync, tick, tick);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_state is null) return;
        try
        {
            // Restarting after a failure: the next activation's LoadAsync replaces the pools' state, and deactivating them
            // now could race that load (it would land on the going activation, the replay on a fresh one).
            if (_skipCheckpointOnDeactivation) return;
            if (_state.RecordsProcessed > _checkpointSeq) await CheckpointAsync();
            await Task.WhenAll(Enumerable.Range(0, _state.Graph.Plan.PoolCount).Select(i => Pool(i).DeactivateAsync()));
        }
        catch (Exception e)
        {
            // The log still holds every record, so the next activation replays what the checkpoint missed.
            logger.LogWarning(e, "Checkpoint on deactivation of model {ModelId} failed", ModelId);
        }
    }

    public async Task<BatchOutcome> ProcessAsync(RecordBatch batch, string? idempotencyKey)
    {
        var state = _state ?? throw new ModelNotFoundException(ModelId);
        _lastActivity = DateTime.UtcNow;
        if (idempotencyKey is not null && state.Batches.TryGetValue(idempotencyKey, out var seen)) return seen;
        if (idempotencyKey is not null && state.CoveredBatches.TryGetValue(idempotencyKey, out long coveredSeq))
        {
            var recovered = await RestartOnFailureAsync(() => RecoverCoveredBatchAsync(coveredSeq));
            Remember(_state!, idempotencyKey, recovered);
            return recovered;
        }
        // A due checkpoint is written before the next batch, not inside the request of the batch that made it due:
        // a checkpoint does not carry idempotency keys, so one covering a batch whose answer a crash then loses would
        // make the client's retry run that batch a second time. Logged after the checkpoint, the batch is replayed
        // with its key on activation and the retry gets its results.
        if (state.RecordsProcessed - _checkpointSeq >= options.CheckpointEveryRecords) await CheckpointAsync();
        var (accepted, error) = CheckOrder(state, batch);
        RecordOutcome[] results = [];
        if (accepted > 0)
        {
            var records = accepted == batch.Count ? batch : new RecordBatch(batch.FieldCount, batch.Values[..(accepted * batch.FieldCount)]);
            string? key = error is null ? idempotencyKey : null;
            // The log's unique (model, seq) refuses this append when another activation moved the model on (it ran on a
            // node that died mid-call, or the cluster briefly held two): this one is behind, so it starts over.
            await RestartOnFailureAsync(() => log.AppendAsync(ModelId, state.RecordsProcessed + 1, records, key));
            try
            {
                results = await RunAsync(state, records);
            }
            catch (PoolOutOfStepException e)
            {
                // A pool lost its state on its own (e.g. Orleans deactivated it when a node holding its directory entry
                // died): rebuild everything from checkpoint and log, this batch included. Should that fail too, the batch
                // stays logged; the next activation replays it, and a retry with its key gets its results.
                logger.LogWarning(e, "Model {ModelId} rebuilds from checkpoint and log", ModelId);
                results = await RestartOnFailureAsync(() => RestoreLatestAsync(CancellationToken.None, keepOutcomeOfSeq: state.RecordsProcessed + 1));
            }
            catch (Exception e) when (e is not PoolOutOfStepException)
            {
                // The batch could not run: take it back out of the log so the model is not stuck replaying it,
                // and drop the half-stepped pools; the next call restores from checkpoint and log.
                logger.LogError(e, "Batch at seq {Seq} of model {ModelId} failed; it is removed from the log", state.RecordsProcessed + 1, ModelId);
                await log.DiscardAfterAsync(ModelId, state.RecordsProcessed);
                _skipCheckpointOnDeactivation = true;
                DeactivateOnIdle();
                throw;
            }
        }
        var outcome = new BatchOutcome(results, error);
        if (idempotencyKey is not null && error is null) Remember(_state!, idempotencyKey, outcome);
        return outcome;
    }

    public Task<ModelStatus> GetStatusAsync() =>
        _state is null ? throw new ModelNotFoundException(ModelId) : Task.FromResult(new ModelStatus(_state.RecordsProcessed, _state.Last));

    public async Task DeactivateAsync(bool checkpoint)
    {
        if (checkpoint && _state is not null) await CheckpointAsync();
        _skipCheckpointOnDeactivation = !checkpoint;
        DeactivateOnIdle();
    }

    public async Task DeleteAsync()
    {
        if (_state is not null)
            await Task.WhenAll(Enumerable.Range(0, _state.Graph.Plan.PoolCount).Select(i => Pool(i).DeleteAsync()));
        _state = null;
        DeactivateOnIdle();
    }

    // On failure the in-memory state may be behind the log or half rebuilt: deactivate without a checkpoint, so the
    // next call starts from checkpoint and log.
    private async Task RestartOnFailureAsync(Func<Task> step) => await RestartOnFailureAsync(async () => { await step(); return true; });

    private async Task<T> RestartOnFailureAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch
        {
            _skipCheckpointOnDeactivation = true;
            DeactivateOnIdle();
            throw;
        }
    }

    private IPoolGrain Pool(int index) => GrainFactory.GetGrain<IPoolGrain>($"{ModelId}/{index}");

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        if (_state is null) return;
        var now = DateTime.UtcNow;
        if (now - _lastActivity >= TimeSpan.FromSeconds(options.IdleSeconds)) await DeactivateAsync(checkpoint: true);
        else if (_state.RecordsProcessed > _checkpointSeq && now - _lastCheckpoint >= TimeSpan.FromSeconds(options.CheckpointEverySeconds)) await CheckpointAsync();
    }

    // Records with a timestamp earlier than the one before are refused when the graph asks for order.
    private static (int Accepted, RecordError? Error) CheckOrder(ModelGrainState state, RecordBatch batch)
    {
        int index = state.Graph.TimestampIndex;
        if (!state.Graph.Document.RequireIncreasingTimestamps || index < 0) return (batch.Count, null);
        DateTime? previous = state.LastTimestamp;
        for (int r = 0; r < batch.Count; r++)
        {
            var value = batch.Record(r)[index];
            if (value.Kind != Htm.Encoders.FieldValueKind.DateTime) continue;
            var time = new DateTime(value.Ticks, DateTimeKind.Utc);
            if (previous is { } p && time < p)
                return (r, new RecordError(r, state.Graph.Document.TimestampField!, $"is earlier than the previous record's ({p:O})"));
            previous = time;
        }
        return (batch.Count, null);
    }

    private static void Remember(ModelGrainState state, string key, BatchOutcome outcome)
    {
        if (!state.Batches.ContainsKey(key)) state.BatchOrder.Enqueue(key);
        state.Batches[key] = outcome;
        while (state.BatchOrder.Count > ModelGrainState.RememberedBatches) state.Batches.Remove(state.BatchOrder.Dequeue());
    }
}
