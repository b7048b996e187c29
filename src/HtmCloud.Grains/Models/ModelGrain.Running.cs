using HtmCloud.Grains.Pools;
using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Grains.Models;

// Stepping the pools: a whole batch per pool without groups, record by record with them.
public sealed partial class ModelGrain
{
    /// <summary>Runs accepted records through the pools and numbers them; used for new batches and for replay.</summary>
    private async Task<RecordOutcome[]> RunAsync(ModelGrainState state, RecordBatch batch)
    {
        int count = batch.Count;
        var pools = state.Graph.Plan.HasGroups ? await RunRecordByRecordAsync(state, batch, count) : await RunBatchedAsync(state, batch, count);
        var results = new RecordOutcome[count];
        int timestampIndex = state.Graph.TimestampIndex;
        for (int r = 0; r < count; r++)
        {
            var perPool = new PoolStepOutcome[pools.Length];
            for (int p = 0; p < pools.Length; p++) perPool[p] = pools[p][r];
            DateTime? timestamp = timestampIndex >= 0 && batch.Record(r)[timestampIndex] is { Kind: Htm.Encoders.FieldValueKind.DateTime } t
                ? new DateTime(t.Ticks, DateTimeKind.Utc) : null;
            results[r] = new RecordOutcome(++state.RecordsProcessed, timestamp, perPool);
            if (timestamp is { } time) state.LastTimestamp = time;
        }
        if (count > 0) state.Last = results[^1];
        return results;
    }

    private async Task<PoolStepOutcome[][]> RunBatchedAsync(ModelGrainState state, RecordBatch batch, int count)
    {
        var plan = state.Graph.Plan;
        var outcomes = new PoolStepOutcome[plan.PoolCount][];
        foreach (int pool in plan.Order)
        {
            outcomes[pool] = await Pool(pool).ComputeAsync(Input(state, batch, outcomes, pool, 0, count, null));
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
                outcomes[pool][r] = (await Pool(pool).ComputeAsync(Input(state, batch, outcomes, pool, r, 1, [external[..n]])))[0];
            }
            foreach (int pool in plan.Order) KeepWinners(state, pool, outcomes[pool][r]);
        }
        return outcomes;
    }

    // Records [first, first + count) for one pool: its fields, or its source pool's output of the same records.
    private static PoolStepInput Input(ModelGrainState state, RecordBatch batch, PoolStepOutcome[][] outcomes, int pool, int first, int count, int[][]? external)
    {
        int source = state.Graph.Plan.SourceOf(pool);
        return new PoolStepInput
        {
            Count = count,
            Values = source < 0 ? PoolValues(state, batch, pool, first, count) : null,
            Feeds = source >= 0 ? Feeds(state, pool, outcomes[source], first, count) : null,
            External = external,
            Wanted = state.Wanted[pool],
            FirstStep = state.RecordsProcessed + first,
        };
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
}
