using HtmCloud.Grains.Graphs;
using HtmCloud.Htm.Models;
using Orleans.Placement;

namespace HtmCloud.Grains.Pools;

/// <summary>
/// Holds one pool's engine state and runs records through it; no algorithm lives here. A sharded pool keeps only
/// the engine's pool-level coordinator and moves each record's data between it and its column shard grains.
/// </summary>
// Lives where its model (its only caller) lives: records never cross nodes, and a node's loss takes model and pools together.
[PreferLocalPlacement]
public sealed partial class PoolGrain(GraphLoader loader) : Grain, IPoolGrain
{
    private PoolGrainState? _state;
    private HtmModelParameters? _parameters;
    private string _key = "";
    private int _shards;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        int slash = _key.LastIndexOf('/');
        try
        {
            var graph = await loader.LoadAsync(Guid.Parse(_key[..slash]), cancellationToken);
            int pool = int.Parse(_key[(slash + 1)..]);
            _parameters = graph.Plan.ModelOf(pool);
            _shards = graph.ShardsOf(pool);
        }
        catch (ModelNotFoundException)
        {
            // Deleted while this pool was idle: an empty activation that answers DeleteAsync, as the model grain does.
        }
    }

    // Built on first use, not on activation: the model grain's restore loads a checkpoint (or asks for a fresh
    // model) right after, and building a model twice was a third of a new model's first request.
    private PoolGrainState State => _state ??= Fresh();

    private HtmModelParameters Parameters => _parameters ?? throw new ModelNotFoundException(ModelIdOf(_key));

    // Shard grains keep their own state: a fresh pool grain finds them wherever they are, and the step check catches a mismatch.
    private PoolGrainState Fresh() => _shards == 0
        ? new PoolGrainState(new HtmModel(Parameters))
        : new PoolGrainState(new ShardedPoolCoordinator(Parameters, _shards),
            Enumerable.Range(0, _shards).Select(i => GrainFactory.GetGrain<IColumnShardGrain>($"{_key}/{i}")).ToArray());

    public async Task<byte[]> SaveAsync()
    {
        var state = State;
        using var stream = new MemoryStream();
        if (state.Model is { } model)
        {
            model.Save(stream);
            return stream.ToArray();
        }
        state.Coordinator!.Save(stream);
        var shards = await Task.WhenAll(state.Shards.Select(s => s.SaveAsync()));
        return new ShardedPoolSnapshot(stream.ToArray(), shards).Encode();
    }

    public async Task LoadAsync(byte[]? snapshot)
    {
        // A whole model that has not stepped yet is already the fresh model a null snapshot asks for.
        if (snapshot is null && _state?.Model?.Result.Step == 0) return;
        var state = Fresh();
        if (state.Model is { } model)
        {
            if (snapshot is not null) model.Load(new MemoryStream(snapshot));
        }
        else
        {
            // Shards are reset too (a fresh pool-level state with shards still holding learned columns would step out of line).
            var sharded = snapshot is null ? null : ShardedPoolSnapshot.Decode(snapshot, _shards);
            if (sharded is not null) state.Coordinator!.Load(new MemoryStream(sharded.Pool));
            await Task.WhenAll(state.Shards.Select((s, i) => s.LoadAsync(sharded?.Shards[i])));
        }
        _state = state;
    }

    public async Task<PoolStepOutcome[]> ComputeAsync(PoolStepInput input)
    {
        var state = State;
        if (state.Step != input.FirstStep) throw new PoolOutOfStepException(input.FirstStep, state.Step);
        var outcomes = new PoolStepOutcome[input.Count];
        int fields = state.Record.Length;
        for (int r = 0; r < input.Count; r++)
        {
            var external = input.External?[r] ?? [];
            PoolResult result;
            if (input.Values is { } values)
            {
                for (int f = 0; f < fields; f++) state.Record[f] = values[r * fields + f].ToFieldValue();
                result = state.Model is { } model
                    ? model.Compute(state.Record, true, external, external)
                    : await StepShardsAsync(state, state.Coordinator!.Encode(state.Record), external);
            }
            else
            {
                state.Feed.SetSparse(input.Feeds![r]);
                if (state.Model is { } model) result = model.Compute(state.Feed, double.NaN, true, external, external);
                else
                {
                    state.Coordinator!.SetInput(state.Feed.Sparse);
                    result = await StepShardsAsync(state, double.NaN, external);
                }
            }
            outcomes[r] = Outcome(result, r == input.Count - 1 ? PoolSdrs.All : input.Wanted);
        }
        return outcomes;
    }

    public async Task DeactivateAsync()
    {
        if (_state is { } state) await Task.WhenAll(state.Shards.Select(s => s.DeactivateAsync()));
        DeactivateOnIdle();
    }

    public async Task DeleteAsync()
    {
        if (_state is { } state) await Task.WhenAll(state.Shards.Select(s => s.DeactivateAsync()));
        _state = null;
        DeactivateOnIdle();
    }

    private static Guid ModelIdOf(string key) => Guid.Parse(key[..key.LastIndexOf('/')]);

    private static PoolStepOutcome Outcome(PoolResult result, PoolSdrs wanted)
    {
        var predictions = new PredictionOutcome[result.Predictions.Count];
        for (int i = 0; i < predictions.Length; i++)
        {
            var p = result.Predictions[i];
            predictions[i] = new PredictionOutcome(p.Steps, p.BestValue, p.BestProbability);
        }
        return new PoolStepOutcome
        {
            ActiveColumns = (wanted & PoolSdrs.ActiveColumns) != 0 ? result.ActiveColumns.Sparse.ToArray() : null,
            ActiveCells = (wanted & PoolSdrs.ActiveCells) != 0 ? result.ActiveCells.ToArray() : null,
            WinnerCells = (wanted & PoolSdrs.WinnerCells) != 0 ? result.WinnerCells.ToArray() : null,
            PredictiveCells = (wanted & PoolSdrs.PredictiveCells) != 0 ? result.PredictiveCells.ToArray() : null,
            RawAnomaly = result.RawAnomaly,
            Likelihood = result.Likelihood,
            AnomalyScore = result.AnomalyScore,
            Predictions = predictions,
        };
    }
}
