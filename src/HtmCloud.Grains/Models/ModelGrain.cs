using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Pools;
using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Grains.Models;

/// <summary>
/// Orders a model's records and steps its pools through the graph plan: pools in run order, a fed pool after
/// its source, group peers' winners of the previous record as external input. Without groups a whole batch
/// goes to each pool in one call.
/// </summary>
public sealed class ModelGrain(GraphLoader loader) : Grain, IModelGrain
{
    private ModelGrainState? _state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state = new ModelGrainState(await loader.LoadAsync(this.GetPrimaryKey(), cancellationToken));

    public async Task<BatchOutcome> ProcessAsync(RecordBatch batch, string? idempotencyKey)
    {
        var state = _state!;
        if (idempotencyKey is not null && state.Batches.TryGetValue(idempotencyKey, out var seen)) return seen;
        var (accepted, error) = CheckOrder(state, batch);
        var pools = accepted == 0 ? [] : state.Graph.Plan.HasGroups
            ? await RunRecordByRecordAsync(state, batch, accepted)
            : await RunBatchedAsync(state, batch, accepted);
        var results = new RecordOutcome[accepted];
        int timestampIndex = state.Graph.TimestampIndex;
        for (int r = 0; r < accepted; r++)
        {
            var perPool = new PoolStepOutcome[pools.Length];
            for (int p = 0; p < pools.Length; p++) perPool[p] = pools[p][r];
            DateTime? timestamp = timestampIndex >= 0 && batch.Record(r)[timestampIndex] is { Kind: Htm.Encoders.FieldValueKind.DateTime } t
                ? new DateTime(t.Ticks, DateTimeKind.Utc) : null;
            results[r] = new RecordOutcome(++state.RecordsProcessed, timestamp, perPool);
        }
        if (accepted > 0)
        {
            state.Last = results[^1];
            if (results[^1].Timestamp is { } last) state.LastTimestamp = last;
        }
        var outcome = new BatchOutcome(results, error);
        if (idempotencyKey is not null) Remember(state, idempotencyKey, outcome);
        return outcome;
    }

    public Task<ModelStatus> GetStatusAsync() => Task.FromResult(new ModelStatus(_state!.RecordsProcessed, _state.Last));

    public async Task DeleteAsync()
    {
        if (_state is not null)
            await Task.WhenAll(Enumerable.Range(0, _state.Graph.Plan.PoolCount).Select(i => Pool(i).DeleteAsync()));
        _state = null;
        DeactivateOnIdle();
    }

    private IPoolGrain Pool(int index) => GrainFactory.GetGrain<IPoolGrain>($"{this.GetPrimaryKey()}/{index}");

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

    private async Task<PoolStepOutcome[][]> RunBatchedAsync(ModelGrainState state, RecordBatch batch, int count)
    {
        var plan = state.Graph.Plan;
        var outcomes = new PoolStepOutcome[plan.PoolCount][];
        foreach (int pool in plan.Order)
        {
            int source = plan.SourceOf(pool);
            var input = source < 0
                ? new PoolStepInput { Count = count, Values = PoolValues(state, batch, pool, 0, count), Wanted = state.Wanted[pool] }
                : new PoolStepInput { Count = count, Feeds = Feeds(state, pool, outcomes[source], 0, count), Wanted = state.Wanted[pool] };
            outcomes[pool] = await Pool(pool).ComputeAsync(input);
        }
        foreach (int pool in plan.Order) KeepWinners(state, pool, outcomes[pool][count - 1]);
        return outcomes;
    }

    private async Task<PoolStepOutcome[][]> RunRecordByRecordAsync(ModelGrainState state, RecordBatch batch, int count)
    {
        var plan = state.Graph.Plan;
        var outcomes = Enumerable.Range(0, plan.PoolCount).Select(_ => new PoolStepOutcome[count]).ToArray();
        for (int r = 0; r < count; r++)
        {
            foreach (int pool in plan.Order)
            {
                var external = new int[plan.ExternalSizeOf(pool)];
                int n = plan.FillExternal(pool, state.PreviousWinners, state.PreviousWinnerCounts, external);
                int source = plan.SourceOf(pool);
                var input = source < 0
                    ? new PoolStepInput { Count = 1, Values = PoolValues(state, batch, pool, r, 1), External = [external[..n]], Wanted = state.Wanted[pool] }
                    : new PoolStepInput { Count = 1, Feeds = Feeds(state, pool, outcomes[source], r, 1), External = [external[..n]], Wanted = state.Wanted[pool] };
                outcomes[pool][r] = (await Pool(pool).ComputeAsync(input))[0];
            }
            foreach (int pool in plan.Order) KeepWinners(state, pool, outcomes[pool][r]);
        }
        return outcomes;
    }

    // The pool's fields of records [first, first + count), row-major, in the pool's encoder order.
    private static RecordValue[] PoolValues(ModelGrainState state, RecordBatch batch, int pool, int first, int count)
    {
        var plan = state.Graph.Plan;
        int fields = plan.FieldCountOf(pool);
        var values = new RecordValue[count * fields];
        var planRecord = new RecordValue[plan.FieldNames.Count];
        for (int r = 0; r < count; r++)
        {
            var record = batch.Record(first + r);
            for (int f = 0; f < planRecord.Length; f++) planRecord[f] = record[state.DocumentIndexOfPlanField[f]];
            plan.SelectFields<RecordValue>(pool, planRecord, values.AsSpan(r * fields, fields));
        }
        return values;
    }

    private static int[][] Feeds(ModelGrainState state, int pool, PoolStepOutcome[] source, int first, int count)
    {
        var plan = state.Graph.Plan;
        var feed = new Sdr(plan.ModelOf(pool).InputSize);
        var feeds = new int[count][];
        for (int r = 0; r < count; r++)
        {
            var s = source[first + r];
            plan.FillFeed(pool, s.ActiveColumns, s.ActiveCells, s.WinnerCells, feed);
            feeds[r] = feed.Sparse.ToArray();
        }
        return feeds;
    }

    private static void KeepWinners(ModelGrainState state, int pool, PoolStepOutcome outcome)
    {
        outcome.WinnerCells!.CopyTo(state.PreviousWinners[pool], 0);
        state.PreviousWinnerCounts[pool] = outcome.WinnerCells!.Length;
    }

    private static void Remember(ModelGrainState state, string key, BatchOutcome outcome)
    {
        state.Batches[key] = outcome;
        state.BatchOrder.Enqueue(key);
        while (state.BatchOrder.Count > ModelGrainState.RememberedBatches) state.Batches.Remove(state.BatchOrder.Dequeue());
    }
}
