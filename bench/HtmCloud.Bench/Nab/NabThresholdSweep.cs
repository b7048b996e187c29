namespace HtmCloud.Bench.Nab;

/// <summary>
/// The exhaustive threshold search: non-probationary rows of the whole corpus sorted by score once, then
/// swept from the highest score down, adding each row's detection to a running total (per-window bests
/// kept incrementally), so every candidate threshold costs only the rows it newly detects.
/// </summary>
public sealed class NabThresholdSweep
{
    private readonly double[] _scores;
    private readonly int[] _window;
    private readonly double[] _unit;
    private readonly int _windowCount;

    public NabThresholdSweep(NabCorpus corpus, IReadOnlyDictionary<string, double[]> scoresByFile)
    {
        NabScoresCheck.Validate(corpus, scoresByFile);
        int count = corpus.Files.Sum(f => f.RowCount - f.ProbationaryLength);
        _scores = new double[count];
        _window = new int[count];
        _unit = new double[count];
        int next = 0, windowBase = 0;
        foreach (var file in corpus.Files)
        {
            var scores = scoresByFile[file.Key];
            for (int i = file.ProbationaryLength; i < file.RowCount; i++, next++)
            {
                _scores[next] = scores[i];
                _window[next] = file.WindowOf[i] < 0 ? -1 : windowBase + file.WindowOf[i];
                _unit[next] = file.UnitWeights[i];
            }
            windowBase += file.Windows.Count;
        }
        _windowCount = windowBase;
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        var keys = (double[])_scores.Clone();
        Array.Sort(keys, order);
        _scores = keys;
        _window = Permute(_window, order);
        _unit = Permute(_unit, order);
    }

    /// <summary>Candidate thresholds: 1.1 and every distinct non-probationary score.</summary>
    public int CandidateCount
    {
        get
        {
            int distinct = 0;
            bool hasNoDetection = false;
            for (int j = 0; j < _scores.Length; j++)
            {
                if (j == 0 || _scores[j] != _scores[j - 1]) distinct++;
                hasNoDetection |= _scores[j] == NabScorer.NoDetectionThreshold;
            }
            return distinct + (hasNoDetection ? 0 : 1);
        }
    }

    /// <summary>The threshold maximising the corpus total under the profile (ties to the highest), and that total.</summary>
    public (double Threshold, double RawScore) Optimise(NabProfile profile)
    {
        var best = new double[_windowCount];
        Array.Fill(best, -profile.FnWeight);
        double windows = -profile.FnWeight * _windowCount, outside = 0;
        double bestThreshold = double.NaN, bestTotal = double.NegativeInfinity;
        bool noDetectionTried = false;
        int j = _scores.Length - 1;
        while (j >= 0 || !noDetectionTried)
        {
            // Next candidate in descending order; 1.1 slots in where it falls.
            double theta = j >= 0 ? _scores[j] : NabScorer.NoDetectionThreshold;
            if (!noDetectionTried && theta <= NabScorer.NoDetectionThreshold)
            {
                theta = NabScorer.NoDetectionThreshold;
                noDetectionTried = true;
            }
            for (; j >= 0 && _scores[j] >= theta; j--)
            {
                int k = _window[j];
                if (k < 0) outside += profile.FpWeight * _unit[j];
                else
                {
                    double s = profile.TpWeight * _unit[j];
                    if (s > best[k]) { windows += s - best[k]; best[k] = s; }
                }
            }
            double total = windows + outside;
            // Strictly greater: an equal total at a lower threshold keeps the higher one.
            if (total > bestTotal) { bestTotal = total; bestThreshold = theta; }
        }
        return (bestThreshold, bestTotal);
    }

    private static T[] Permute<T>(T[] source, int[] order)
    {
        var result = new T[source.Length];
        for (int i = 0; i < order.Length; i++) result[i] = source[order[i]];
        return result;
    }
}
