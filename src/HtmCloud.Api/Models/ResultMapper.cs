using HtmCloud.Contracts.Models;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;
using HtmCloud.Grains.Pools;

namespace HtmCloud.Api.Models;

/// <summary>Shapes grain outcomes into API results, with the SDRs the graph's outputs ask for.</summary>
public static class ResultMapper
{
    public static RecordResult ToResult(RecordOutcome outcome, CompiledGraph graph, bool allSdrs = false)
    {
        var outputs = graph.Document.Outputs;
        var pools = new Dictionary<string, PoolOutputView>(outcome.Pools.Length);
        for (int p = 0; p < outcome.Pools.Length; p++)
        {
            var o = outcome.Pools[p];
            pools[graph.Document.Pools[p].Name] = new PoolOutputView
            {
                RawAnomaly = o.RawAnomaly,
                AnomalyLikelihood = double.IsNaN(o.Likelihood) ? null : o.Likelihood,
                AnomalyScore = o.AnomalyScore,
                ActiveColumns = allSdrs || outputs.ActiveColumns ? o.ActiveColumns : null,
                ActiveCells = allSdrs || outputs.ActiveCells ? o.ActiveCells : null,
                WinnerCells = allSdrs || outputs.WinnerCells ? o.WinnerCells : null,
                PredictiveCells = allSdrs || outputs.PredictiveCells ? o.PredictiveCells : null,
                Predictions = (allSdrs || outputs.Predictions) && o.Predictions.Length > 0 ? o.Predictions.Select(Prediction).ToArray() : null,
            };
        }
        var head = outcome.Pools[graph.AnomalyPool];
        return new RecordResult
        {
            Seq = outcome.Seq,
            Timestamp = outcome.Timestamp,
            AnomalyScore = head.AnomalyScore,
            AnomalyLikelihood = double.IsNaN(head.Likelihood) ? null : head.Likelihood,
            RawAnomaly = head.RawAnomaly,
            Pools = pools,
        };
    }

    private static PredictionView Prediction(PredictionOutcome p) =>
        new(p.Steps, double.IsNaN(p.Value) ? null : p.Value, p.Probability);
}
