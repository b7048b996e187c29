using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// Turns raw anomaly scores into a likelihood: how unusual the recent moving average of scores is under a
/// normal distribution fitted to the moving averages of the recent past. 0.5 is returned while learning;
/// values near 1 mean anomalous. The method and its choices are described in docs/htm-likelihood.md.
/// One call per record, nothing is allocated after construction.
/// </summary>
public sealed class AnomalyLikelihood
{
    private const double FlatMean = 0.5;
    private const double FlatStandardDeviation = 1000.0;

    private readonly AnomalyLikelihoodParameters _p;
    private readonly double[] _raw;
    private readonly double[] _averages;
    private readonly double[] _metrics;

    /// <summary>Creates a detector; throws <see cref="ArgumentException"/> listing every invalid parameter.</summary>
    public AnomalyLikelihood(AnomalyLikelihoodParameters parameters)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "anomaly likelihood parameters");
        _p = parameters;
        _raw = new double[parameters.AveragingWindow];
        _averages = new double[parameters.HistoricWindowSize];
        _metrics = new double[parameters.HistoricWindowSize];
        Mean = FlatMean;
        StandardDeviation = FlatStandardDeviation;
        PreviousTail = 0.5;
    }

    /// <summary>The parameters this detector was built with.</summary>
    public AnomalyLikelihoodParameters Parameters => _p;

    /// <summary>Number of records seen.</summary>
    public long RecordCount { get; internal set; }

    /// <summary>Mean of the fitted distribution (after the floors); meaningful once <see cref="IsFitted"/>.</summary>
    public double Mean { get; internal set; }

    /// <summary>Standard deviation of the fitted distribution (after the floor); meaningful once <see cref="IsFitted"/>.</summary>
    public double StandardDeviation { get; internal set; }

    /// <summary>Whether a distribution has been fitted, i.e. scores are no longer the learning value 0.5.</summary>
    public bool IsFitted => RecordCount >= RecordsBeforeScoring;

    /// <summary>Moving average of the raw scores at the last record.</summary>
    public double LastMovingAverage { get; internal set; }

    /// <summary>Unfiltered tail probability of the last scored record (0.5 while learning); drives the red filter.</summary>
    internal double PreviousTail { get; set; }

    /// <summary>Last <c>averagingWindow</c> raw scores, ring indexed by record number.</summary>
    internal double[] RawRing => _raw;

    /// <summary>Moving averages of the last <c>historicWindowSize</c> records, ring indexed by record number.</summary>
    internal double[] AverageRing => _averages;

    /// <summary>Metric values of the same records (NaN where none was given).</summary>
    internal double[] MetricRing => _metrics;

    private long RecordsBeforeScoring => (long)_p.LearningPeriod + _p.EstimationSamples;

    /// <summary>Scores one record from its raw anomaly score in [0, 1]; returns the likelihood in [0, 1].</summary>
    public double Compute(double rawScore) => Compute(rawScore, double.NaN);

    /// <summary>
    /// Scores one record from its raw anomaly score in [0, 1] and the metric value behind it (NaN or infinite
    /// when unknown); a metric that has stayed flat is never reported anomalous. Returns the likelihood in [0, 1].
    /// </summary>
    public double Compute(double rawScore, double metricValue)
    {
        if (!(rawScore >= 0 && rawScore <= 1)) throw new ArgumentOutOfRangeException(nameof(rawScore), rawScore, "Raw anomaly score must be in [0, 1].");
        long index = RecordCount;
        int window = _raw.Length;
        _raw[(int)(index % window)] = rawScore;
        RecordCount = index + 1;

        int n = (int)Math.Min(RecordCount, window);
        double sum = 0;
        // Oldest to newest, so the sum is the same however the ring is laid out.
        for (long i = RecordCount - n; i < RecordCount; i++) sum += _raw[(int)(i % window)];
        double average = sum / n;
        LastMovingAverage = average;
        int slot = (int)(index % _averages.Length);
        _averages[slot] = average;
        _metrics[slot] = double.IsFinite(metricValue) ? metricValue : double.NaN;

        if (RecordCount < RecordsBeforeScoring) return 0.5;
        if ((RecordCount - RecordsBeforeScoring) % _p.ReestimationPeriod == 0) Fit();

        double tail = TailProbability(average, Mean, StandardDeviation);
        // Only the first of consecutive red records stays red, so a sustained anomaly is not reported on every row.
        double filtered = tail <= _p.RedThreshold && PreviousTail <= _p.RedThreshold ? Math.Max(tail, _p.YellowThreshold) : tail;
        PreviousTail = tail;
        return 1.0 - filtered;
    }

    /// <summary>Log-scaled likelihood used as the NAB anomaly score: 0.5 at likelihood 1 − 1e-5, 1 at 1 − 1e-10.</summary>
    public static double LogLikelihood(double likelihood) => Math.Log(1.0000000001 - likelihood) / -23.02585084720009;

    /// <summary>
    /// Upper tail probability P(X ≥ x) of N(mean, sd²) for x ≥ mean; below the mean it is mirrored as
    /// 1 − P(X ≥ 2·mean − x), so values under the mean give tails above 0.5.
    /// </summary>
    internal static double TailProbability(double x, double mean, double standardDeviation)
    {
        if (x < mean) return 1.0 - TailProbability(2 * mean - x, mean, standardDeviation);
        double z = (x - mean) / standardDeviation;
        return 0.5 * Erfc(z / Math.Sqrt(2.0));
    }

    /// <summary>
    /// Complementary error function, Numerical Recipes "erfcc" Chebyshev fit (Press et al., 2nd ed., §6.2):
    /// relative error below 1.2e-7 for every x.
    /// </summary>
    internal static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double r = t * Math.Exp(-z * z + poly);
        return x >= 0 ? r : 2.0 - r;
    }

    // Fits mean and variance of the moving averages in the window, leaving out the learning period.
    private void Fit()
    {
        int size = _averages.Length;
        long first = Math.Max(_p.LearningPeriod, RecordCount - size);
        long count = RecordCount - first;

        double sum = 0;
        for (long i = first; i < RecordCount; i++) sum += _averages[(int)(i % size)];
        double mean = sum / count;
        double squares = 0;
        for (long i = first; i < RecordCount; i++)
        {
            double d = _averages[(int)(i % size)] - mean;
            squares += d * d;
        }
        double variance = squares / count;

        if (IsMetricFlat(first))
        {
            Mean = FlatMean;
            StandardDeviation = FlatStandardDeviation;
            return;
        }
        Mean = Math.Max(mean, _p.MinimumMean);
        StandardDeviation = Math.Sqrt(Math.Max(variance, _p.MinimumVariance));
    }

    // A metric is judged flat only on at least estimationSamples known values, so missing values never trigger it.
    private bool IsMetricFlat(long first)
    {
        int size = _metrics.Length;
        long known = 0;
        double sum = 0;
        for (long i = first; i < RecordCount; i++)
        {
            double v = _metrics[(int)(i % size)];
            if (double.IsNaN(v)) continue;
            known++;
            sum += v;
        }
        if (known < _p.EstimationSamples) return false;
        double mean = sum / known;
        double squares = 0;
        for (long i = first; i < RecordCount; i++)
        {
            double v = _metrics[(int)(i % size)];
            if (double.IsNaN(v)) continue;
            double d = v - mean;
            squares += d * d;
        }
        return squares / known < _p.FlatMetricVariance;
    }
}
