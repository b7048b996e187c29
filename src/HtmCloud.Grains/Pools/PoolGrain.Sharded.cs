using HtmCloud.Htm.Models;

namespace HtmCloud.Grains.Pools;

// One record through a sharded pool: the engine's three shard steps, each on every shard at once, with the
// coordinator gathering in shard order between them.
public sealed partial class PoolGrain
{
    private static async Task<PoolResult> StepShardsAsync(PoolGrainState state, double metric, int[] external)
    {
        const bool learn = true;
        var pool = state.Coordinator!;
        var shards = state.Shards;
        pool.BeginStep();
        var input = pool.Input.ToArray();
        foreach (var candidates in await Task.WhenAll(shards.Select(s => s.ComputeOverlapsAsync(pool.Step, input, learn))))
            pool.AddCandidates(candidates.Keys, candidates.MaxOverlapDutyCycle);
        var columns = pool.SelectWinners().ToArray();
        float maxDuty = pool.MaxOverlapDutyCycle;
        foreach (var cells in await Task.WhenAll(shards.Select(s => s.ActivateColumnsAsync(columns, maxDuty, learn))))
            pool.AddCells(cells.ActiveCells, cells.WinnerCells, cells.ActiveColumns, cells.PredictedColumns);
        int[] active = pool.ActiveCells.ToArray(), winners = pool.WinnerCells.ToArray();
        foreach (var predictive in await Task.WhenAll(shards.Select(s => s.ActivateDendritesAsync(active, winners, external, learn))))
            pool.AddPredictiveCells(predictive);
        return pool.Finish(metric, learn);
    }
}
