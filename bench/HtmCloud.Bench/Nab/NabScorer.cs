namespace HtmCloud.Bench.Nab;

/// <summary>
/// NAB's scoring rules (README "Scoring, precisely"): per-file score at a threshold, corpus totals,
/// the exhaustive threshold search and normalisation into a <see cref="NabReport"/>.
/// </summary>
public static class NabScorer
{
    /// <summary>Threshold that detects nothing: always a candidate of the search.</summary>
    public const double NoDetectionThreshold = 1.1;

    public const string ExhaustiveMethod = "exhaustive optimiser";
    public const string PublishedMethod = "published thresholds";

    /// <summary>scaledSigmoid(−1): the weight of a window's first row, so that row earns exactly TP.</summary>
    public static readonly double MaxTp = ScaledSigmoid(-1.0);

    public static double ScaledSigmoid(double x) => x > 3.0 ? -1.0 : 2.0 / (1.0 + Math.Exp(5.0 * x)) - 1.0;

    /// <summary>Scores every profile of the corpus at the threshold the exhaustive search picks for it.</summary>
    public static NabReport Score(NabCorpus corpus, IReadOnlyDictionary<string, double[]> scoresByFile, string detector = "detector")
    {
        var sweep = new NabThresholdSweep(corpus, scoresByFile);
        var profiles = corpus.Profiles.Select(p => ScoreProfile(corpus, scoresByFile, p, sweep.Optimise(p).Threshold)).ToArray();
        return new NabReport(detector, ExhaustiveMethod, profiles);
    }

    /// <summary>Scores every profile named in thresholdByProfile at that threshold (e.g. NAB's published ones).</summary>
    public static NabReport ScoreAtThresholds(NabCorpus corpus, IReadOnlyDictionary<string, double[]> scoresByFile,
        IReadOnlyDictionary<string, double> thresholdByProfile, string detector = "detector", string method = PublishedMethod)
    {
        NabScoresCheck.Validate(corpus, scoresByFile);
        var profiles = corpus.Profiles.Where(p => thresholdByProfile.ContainsKey(p.Name))
            .Select(p => ScoreProfile(corpus, scoresByFile, p, thresholdByProfile[p.Name])).ToArray();
        return new NabReport(detector, method, profiles);
    }

    /// <summary>The corpus score under one profile at one threshold.</summary>
    public static NabProfileScore ScoreProfile(NabCorpus corpus, IReadOnlyDictionary<string, double[]> scoresByFile,
        NabProfile profile, double threshold)
    {
        NabScoresCheck.Validate(corpus, scoresByFile);
        var files = new NabFileScore[corpus.Files.Count];
        double raw = 0;
        for (int f = 0; f < files.Length; f++)
        {
            files[f] = ScoreFile(corpus.Files[f], scoresByFile[corpus.Files[f].Key], profile, threshold);
            raw += files[f].Score;
        }
        var categories = corpus.Categories.Select(c => Category(c, files, profile)).ToArray();
        return new NabProfileScore(profile, threshold, raw, profile.Normalise(raw, corpus.WindowCount), files, categories);
    }

    /// <summary>One file's score: best weight detected in each window (or −FN), plus the weights of detections outside windows.</summary>
    public static NabFileScore ScoreFile(NabFile file, ReadOnlySpan<double> scores, NabProfile profile, double threshold)
    {
        if (scores.Length != file.RowCount)
            throw new ArgumentException($"{file.Key}: {scores.Length} scores for {file.RowCount} rows.", nameof(scores));
        var best = new double[file.Windows.Count];
        Array.Fill(best, double.NegativeInfinity);
        int tp = 0, tn = 0, fp = 0, fn = 0;
        double outside = 0;
        var windowOf = file.WindowOf;
        var unit = file.UnitWeights;
        for (int i = file.ProbationaryLength; i < scores.Length; i++)
        {
            bool detected = scores[i] >= threshold;
            int k = windowOf[i];
            if (k >= 0)
            {
                if (!detected) { fn++; continue; }
                tp++;
                best[k] = Math.Max(best[k], profile.TpWeight * unit[i]);
            }
            else if (detected)
            {
                fp++;
                outside += profile.FpWeight * unit[i];
            }
            else tn++;
        }
        double score = 0;
        int hit = 0;
        foreach (double b in best)
        {
            if (double.IsNegativeInfinity(b)) score -= profile.FnWeight;
            else { score += b; hit++; }
        }
        score += outside;
        return new NabFileScore(file.Key, threshold, score, tp, tn, fp, fn, hit, best.Length);
    }

    private static NabCategoryScore Category(string category, NabFileScore[] files, NabProfile profile)
    {
        double raw = 0;
        int count = 0, windows = 0;
        foreach (var f in files)
        {
            if (!f.Key.StartsWith(category + "/", StringComparison.Ordinal)) continue;
            raw += f.Score;
            count++;
            windows += f.Windows;
        }
        return new NabCategoryScore(category, count, windows, raw, profile.Normalise(raw, windows));
    }
}
