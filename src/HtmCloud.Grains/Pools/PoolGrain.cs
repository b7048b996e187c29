using HtmCloud.Grains.Graphs;
using HtmCloud.Htm.Models;

namespace HtmCloud.Grains.Pools;

/// <summary>Holds one pool's engine state and runs records through it; no algorithm lives here.</summary>
public sealed class PoolGrain(GraphLoader loader) : Grain, IPoolGrain
{
    private PoolGrainState? _state;
    private HtmModelParameters? _parameters;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        string key = this.GetPrimaryKeyString();
        int slash = key.LastIndexOf('/');
        try
        {
            var graph = await loader.LoadAsync(Guid.Parse(key[..slash]), cancellationToken);
            _parameters = graph.Plan.ModelOf(int.Parse(key[(slash + 1)..]));
        }
        catch (ModelNotFoundException)
        {
            // Deleted while this pool was idle: an empty activation that answers DeleteAsync, as the model grain does.
        }
    }

    // Built on first use, not on activation: the model grain's restore loads a checkpoint (or asks for a fresh
    // model) right after, and building a model twice was a third of a new model's first request.
    private PoolGrainState State => _state ??= new PoolGrainState(new HtmModel(Parameters));

    private HtmModelParameters Parameters => _parameters ?? throw new ModelNotFoundException(ModelIdOf(this.GetPrimaryKeyString()));

    public Task<byte[]> SaveAsync()
    {
        using var stream = new MemoryStream();
        State.Model.Save(stream);
        return Task.FromResult(stream.ToArray());
    }

    public Task LoadAsync(byte[]? snapshot)
    {
        // A model that has not stepped yet is already the fresh model a null snapshot asks for.
        if (snapshot is null && _state?.Model.Result.Step == 0) return Task.CompletedTask;
        var model = new HtmModel(Parameters);
        if (snapshot is not null) model.Load(new MemoryStream(snapshot));
        _state = new PoolGrainState(model);
        return Task.CompletedTask;
    }

    public Task<PoolStepOutcome[]> ComputeAsync(PoolStepInput input)
    {
        var state = State;
        if (state.Model.Result.Step != input.FirstStep) throw new PoolOutOfStepException(input.FirstStep, state.Model.Result.Step);
        var outcomes = new PoolStepOutcome[input.Count];
        int fields = state.Record.Length;
        for (int r = 0; r < input.Count; r++)
        {
            var external = input.External?[r] ?? [];
            PoolResult result;
            if (input.Values is { } values)
            {
                for (int f = 0; f < fields; f++) state.Record[f] = values[r * fields + f].ToFieldValue();
                result = state.Model.Compute(state.Record, true, external, external);
            }
            else
            {
                state.Feed.SetSparse(input.Feeds![r]);
                result = state.Model.Compute(state.Feed, double.NaN, true, external, external);
            }
            outcomes[r] = Outcome(result, r == input.Count - 1 ? PoolSdrs.All : input.Wanted);
        }
        return Task.FromResult(outcomes);
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task DeleteAsync()
    {
        _state = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
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
