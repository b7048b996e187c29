using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Bench.Mnist;

/// <summary>
/// The engine's <see cref="Predictor"/> used as a digit classifier: step 0 (the current record), resolution 1,
/// the label as the value, so each digit is one bucket and the best bucket's value is the predicted digit.
/// </summary>
internal sealed class DigitClassifier(int inputSize, double alpha)
{
    private readonly Predictor _predictor = new(PredictorParameters.Default with { Steps = [0], Resolution = 1, Alpha = alpha }, inputSize);

    /// <summary>One learning pass over <paramref name="order"/> (indices into patterns and labels).</summary>
    public void Train(int[][] patterns, int[] labels, ReadOnlySpan<int> order)
    {
        foreach (int i in order) _predictor.Compute(patterns[i], labels[i], learn: true);
    }

    /// <summary>Fraction of <paramref name="indices"/> whose predicted digit equals the label, without learning.</summary>
    public double Accuracy(int[][] patterns, int[] labels, ReadOnlySpan<int> indices)
    {
        int correct = 0;
        foreach (int i in indices) if (Classify(patterns[i]) == labels[i]) correct++;
        return (double)correct / indices.Length;
    }

    // NaN (no bucket yet) is never a label, so an untrained classifier scores 0.
    private int Classify(int[] pattern)
    {
        double best = _predictor.Compute(pattern, double.NaN, learn: false)[0].BestValue;
        return double.IsFinite(best) ? (int)Math.Round(best) : -1;
    }
}
