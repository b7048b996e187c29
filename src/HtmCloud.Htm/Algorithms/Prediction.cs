namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// What a <see cref="Predictor"/> expects <see cref="Steps"/> records ahead: a probability per value bucket and
/// the most likely value. The predictor owns and overwrites this object on every compute, so copy what you keep.
/// </summary>
public sealed class Prediction
{
    private double[] _probabilities = [];
    private double[] _values = [];

    internal Prediction(int steps)
    {
        Steps = steps;
        Clear();
    }

    /// <summary>How many records ahead this prediction is for.</summary>
    public int Steps { get; }

    /// <summary>Number of buckets in the distribution (buckets known when it was computed).</summary>
    public int BucketCount { get; internal set; }

    /// <summary>Index of the most likely bucket, or -1 when no value has been learned yet.</summary>
    public int BestBucket { get; internal set; }

    /// <summary>Representative value of the most likely bucket, or NaN when no value has been learned yet.</summary>
    public double BestValue { get; internal set; }

    /// <summary>Probability of the most likely bucket (0 when there is none).</summary>
    public double BestProbability { get; internal set; }

    /// <summary>Probability of each bucket; sums to 1 when there is at least one bucket.</summary>
    public ReadOnlySpan<double> Probabilities => new(_probabilities, 0, BucketCount);

    /// <summary>Representative value (running mean of the values seen) of each bucket.</summary>
    public ReadOnlySpan<double> Values => new(_values, 0, BucketCount);

    internal Span<double> ProbabilityBuffer => _probabilities;

    internal Span<double> ValueBuffer => _values;

    // Buffers only grow, so steady-state computes allocate nothing.
    internal void EnsureCapacity(int count)
    {
        if (_probabilities.Length >= count) return;
        int size = Math.Max(count, _probabilities.Length * 2);
        Array.Resize(ref _probabilities, size);
        Array.Resize(ref _values, size);
    }

    internal void Clear()
    {
        BucketCount = 0;
        BestBucket = -1;
        BestValue = double.NaN;
        BestProbability = 0;
    }
}
