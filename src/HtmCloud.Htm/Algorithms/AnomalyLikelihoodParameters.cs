using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>Parameters of <see cref="AnomalyLikelihood"/>; see docs/htm-likelihood.md for the method.</summary>
public sealed record AnomalyLikelihoodParameters
{
    /// <summary>The defaults listed on each property.</summary>
    public static AnomalyLikelihoodParameters Default { get; } = new();

    /// <summary>
    /// Records at the start whose scores are ignored when fitting, while the model is still learning.
    /// Default 288. In NAB this is set from the probationary period (min(floor(0.15·rows), 750)).
    /// </summary>
    public int LearningPeriod { get; init; } = 288;

    /// <summary>Records after the learning period needed before the first fit; 0.5 is returned until then. Default 100.</summary>
    public int EstimationSamples { get; init; } = 100;

    /// <summary>Number of most recent records the distribution is fitted on. Default 8640.</summary>
    public int HistoricWindowSize { get; init; } = 8640;

    /// <summary>Records between two fits of the distribution. Default 100.</summary>
    public int ReestimationPeriod { get; init; } = 100;

    /// <summary>Number of raw scores in the moving average that is scored. Default 10.</summary>
    public int AveragingWindow { get; init; } = 10;

    /// <summary>Lower bound on the fitted mean. Default 0.03.</summary>
    public double MinimumMean { get; init; } = 0.03;

    /// <summary>Lower bound on the fitted variance (standard deviation ≥ ~0.0173). Default 0.0003.</summary>
    public double MinimumVariance { get; init; } = 0.0003;

    /// <summary>Tail probability at or below which a record is "red". Default 1e-5.</summary>
    public double RedThreshold { get; init; } = 1e-5;

    /// <summary>Tail probability a red record is raised to when the previous record was red too. Default 1e-3.</summary>
    public double YellowThreshold { get; init; } = 1e-3;

    /// <summary>
    /// Metric variance below which the metric counts as flat and the fit is replaced by mean 0.5, sd 1000
    /// (only when metric values are supplied). Default 1.5e-5.
    /// </summary>
    public double FlatMetricVariance { get; init; } = 1.5e-5;

    /// <summary>Every invalid field, with camelCase names.</summary>
    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks()
            .InRange(LearningPeriod, 0, 1 << 24, "learningPeriod")
            .InRange(EstimationSamples, 1, 1 << 24, "estimationSamples")
            .InRange(HistoricWindowSize, 1, 1 << 24, "historicWindowSize")
            .InRange(ReestimationPeriod, 1, 1 << 24, "reestimationPeriod")
            .InRange(AveragingWindow, 1, 1 << 16, "averagingWindow")
            .InRange(MinimumMean, 0.0, 1.0, "minimumMean")
            .Require(MinimumVariance > 0 && MinimumVariance <= 1, "minimumVariance", "must be above 0 and at most 1")
            .Require(RedThreshold > 0 && RedThreshold < 1, "redThreshold", "must be between 0 and 1 (exclusive)")
            .Require(YellowThreshold > 0 && YellowThreshold < 1, "yellowThreshold", "must be between 0 and 1 (exclusive)")
            .Require(FlatMetricVariance >= 0 && double.IsFinite(FlatMetricVariance), "flatMetricVariance", "must be a finite number ≥ 0");
        // Cross-field rules are reported on the field a user would most likely change.
        c.Require(HistoricWindowSize >= EstimationSamples, "historicWindowSize", "must be at least estimationSamples");
        c.Require(!(YellowThreshold < RedThreshold), "yellowThreshold", "must be at least redThreshold");
        return c.Errors;
    }
}
