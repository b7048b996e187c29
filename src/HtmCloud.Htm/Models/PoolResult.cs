using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Htm.Models;

/// <summary>
/// What one step of a pool produced. The model owns and reuses this object: read it before the next step,
/// or copy what you keep.
/// </summary>
public sealed class PoolResult
{
    private readonly IPoolCells _tm;

    internal PoolResult(Sdr input, Sdr activeColumns, IPoolCells tm, IReadOnlyList<Prediction> predictions)
    {
        Input = input;
        ActiveColumns = activeColumns;
        _tm = tm;
        Predictions = predictions;
    }

    /// <summary>Records processed by the pool, including this one.</summary>
    public long Step { get; internal set; }

    /// <summary>The encoded input.</summary>
    public Sdr Input { get; }

    public Sdr ActiveColumns { get; }
    public ReadOnlySpan<int> ActiveCells => _tm.ActiveCells;
    public ReadOnlySpan<int> WinnerCells => _tm.WinnerCells;

    /// <summary>Cells predicted for the next record.</summary>
    public ReadOnlySpan<int> PredictiveCells => _tm.PredictiveCells;

    /// <summary>Share of active columns that were not predicted.</summary>
    public float RawAnomaly => _tm.Anomaly;

    /// <summary>Anomaly likelihood, or NaN when the likelihood is off.</summary>
    public double Likelihood { get; internal set; } = double.NaN;

    /// <summary>Log form of the likelihood (NAB's anomaly score), or NaN when off.</summary>
    public double LogLikelihood { get; internal set; } = double.NaN;

    /// <summary>
    /// The pool's anomaly score in [0, 1]: 1 when the spatial rule fires, else the log likelihood, or the raw
    /// anomaly when the likelihood is off.
    /// </summary>
    public double AnomalyScore { get; internal set; }

    /// <summary>Whether the spatial rule fired on this record.</summary>
    public bool OutOfRange { get; internal set; }

    // The stages after the temporal memory, shared by the whole pool and the sharded one so both give the same bits.
    internal void Finish(double metric, bool learn, AnomalyLikelihood? likelihood, Predictor? predictor, SpatialAnomaly? spatial)
    {
        if (likelihood is not null) SetLikelihood(likelihood.Compute(RawAnomaly, metric));
        predictor?.Compute(ActiveCells, metric, learn);
        OutOfRange = spatial?.Compute(metric) ?? false;
        AnomalyScore = OutOfRange ? 1.0 : likelihood is null ? RawAnomaly : LogLikelihood;
        Step++;
    }

    internal void SetLikelihood(double likelihood)
    {
        Likelihood = likelihood;
        LogLikelihood = double.IsNaN(likelihood) ? double.NaN : AnomalyLikelihood.LogLikelihood(likelihood);
    }

    /// <summary>Predictions per step count; empty when the predictor is off.</summary>
    public IReadOnlyList<Prediction> Predictions { get; }
}
