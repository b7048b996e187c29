using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>The scoring rules on hand-made files, where every expected number can be worked out by hand.</summary>
public class ScorerRulesTests
{
    private static readonly NabProfile Standard = NabProfile.Defaults[0];

    [Test]
    public void MaxTpIsScaledSigmoidOfMinusOne() =>
        Assert.That(NabScorer.MaxTp, Is.EqualTo(0.98661429815143).Within(1e-14));

    [Test]
    public void ScaledSigmoidIsMinusOneBeyondThree()
    {
        Assert.That(NabScorer.ScaledSigmoid(3.0001), Is.EqualTo(-1.0));
        Assert.That(NabScorer.ScaledSigmoid(0.0), Is.EqualTo(0.0));
        Assert.That(NabScorer.ScaledSigmoid(3.0), Is.EqualTo(2.0 / (1.0 + Math.Exp(15.0)) - 1.0));
    }

    [Test]
    public void FirstRowOfAWindowEarnsExactlyTpAndLaterRowsEarnLess()
    {
        var file = SyntheticNab.File("c/f.csv", 200, (100, 109));
        var lowFn = NabProfile.Defaults[2];

        Assert.Multiple(() =>
        {
            Assert.That(file.Weight(100, Standard), Is.EqualTo(1.0));
            Assert.That(file.Weight(100, lowFn), Is.EqualTo(lowFn.TpWeight));
            Assert.That(file.Weight(109, Standard), Is.EqualTo(NabScorer.ScaledSigmoid(-1.0 / 10) / NabScorer.MaxTp).Within(1e-15));
            for (int i = 101; i <= 109; i++) Assert.That(file.Weight(i, Standard), Is.LessThan(file.Weight(i - 1, Standard)));
        });
    }

    [Test]
    public void DetectionBeforeAnyWindowCostsFpAndAfterAWindowCostsTheSigmoidOfDistance()
    {
        var file = SyntheticNab.File("c/f.csv", 200, (100, 109));

        Assert.Multiple(() =>
        {
            Assert.That(file.Weight(50, Standard), Is.EqualTo(-0.11));
            Assert.That(file.Weight(110, Standard), Is.EqualTo(0.11 * NabScorer.ScaledSigmoid(1.0 / 9)).Within(1e-15));
            Assert.That(file.Weight(199, Standard), Is.EqualTo(-0.11));
            Assert.That(file.Weight(110, Standard), Is.LessThan(0).And.GreaterThan(-0.11));
        });
    }

    [Test]
    public void PreviousWindowIsTrackedThroughProbationaryRows()
    {
        // 100 rows → 15 probationary; the window (width 5) ends inside the probation.
        var file = SyntheticNab.File("c/f.csv", 100, (10, 14));
        var scores = new double[100];
        scores[16] = 1.0;

        var score = NabScorer.ScoreFile(file, scores, Standard, 0.5);

        Assert.That(file.Weight(16, Standard), Is.EqualTo(0.11 * NabScorer.ScaledSigmoid(2.0 / 4)));
        Assert.That(score.Score, Is.EqualTo(-1.0 + 0.11 * NabScorer.ScaledSigmoid(2.0 / 4)).Within(1e-15));
    }

    [TestCase(10, 1)]
    [TestCase(100, 15)]
    [TestCase(4032, 604)]
    [TestCase(5000, 750)]
    [TestCase(22695, 750)]
    public void ProbationaryLengthIsFifteenPercentFlooredAndCappedAt750(int rows, int expected) =>
        Assert.That(NabFile.ProbationaryLengthFor(rows), Is.EqualTo(expected));

    [Test]
    public void ProbationaryRowsNeverCountEvenAboveTheThreshold()
    {
        var file = SyntheticNab.File("c/f.csv", 100, (50, 59));
        var scores = new double[100];
        for (int i = 0; i < file.ProbationaryLength; i++) scores[i] = 1.0;

        var score = NabScorer.ScoreFile(file, scores, Standard, 0.5);

        Assert.Multiple(() =>
        {
            Assert.That(file.ProbationaryLength, Is.EqualTo(15));
            Assert.That(score.Score, Is.EqualTo(-1.0));
            Assert.That((score.TruePositives, score.FalsePositives, score.FalseNegatives, score.TrueNegatives), Is.EqualTo((0, 0, 10, 75)));
            Assert.That(score.TotalCount, Is.EqualTo(85));
        });
    }

    [Test]
    public void ThresholdSearchIgnoresProbationaryScores()
    {
        var corpus = new NabCorpus([SyntheticNab.File("c/f.csv", 100, (50, 59))]);
        var scores = new Dictionary<string, double[]> { ["c/f.csv"] = new double[100] };
        scores["c/f.csv"][3] = 0.9;
        scores["c/f.csv"][55] = 0.7;

        var (threshold, raw) = new NabThresholdSweep(corpus, scores).Optimise(Standard);

        Assert.That(threshold, Is.EqualTo(0.7));
        Assert.That(raw, Is.EqualTo(NabScorer.ScaledSigmoid(-5.0 / 10) / NabScorer.MaxTp).Within(1e-15));
    }

    [Test]
    public void WindowMissedCostsFnAndBestDetectionInAWindowCountsOnce()
    {
        var file = SyntheticNab.File("c/f.csv", 200, (100, 109), (150, 159));
        var scores = new double[200];
        scores[102] = scores[100] = scores[105] = 1.0;

        var score = NabScorer.ScoreFile(file, scores, Standard, 0.5);

        Assert.That(score.Score, Is.EqualTo(1.0 - 1.0));
        Assert.That((score.TruePositives, score.WindowsDetected, score.Windows), Is.EqualTo((3, 1, 2)));
    }

    [Test]
    public void ThresholdSearchBreaksTiesTowardsTheHighestThreshold()
    {
        var corpus = new NabCorpus([SyntheticNab.File("c/f.csv", 200, (100, 109))]);
        var scores = new double[200];
        scores[100] = 0.9;
        scores[101] = 0.8; // adds a lower weight to an already detected window: same total
        var (threshold, raw) = new NabThresholdSweep(corpus, new Dictionary<string, double[]> { ["c/f.csv"] = scores }).Optimise(Standard);

        Assert.That(threshold, Is.EqualTo(0.9));
        Assert.That(raw, Is.EqualTo(1.0));
    }

    [Test]
    public void ThresholdSearchPicksNoDetectionWhenEveryDetectionLoses()
    {
        var corpus = new NabCorpus([SyntheticNab.File("c/f.csv", 200)]);
        var scores = new double[200];
        scores[150] = 0.6;
        var (threshold, raw) = new NabThresholdSweep(corpus, new Dictionary<string, double[]> { ["c/f.csv"] = scores }).Optimise(Standard);

        Assert.That(threshold, Is.EqualTo(NabScorer.NoDetectionThreshold));
        Assert.That(raw, Is.EqualTo(0.0));
    }

    [Test]
    public void ThresholdSearchAgreesWithRescoringTheCorpusAtEveryCandidate()
    {
        var random = new Random(7);
        var corpus = new NabCorpus(
        [
            SyntheticNab.File("a/one.csv", 400, (100, 139), (300, 320)),
            SyntheticNab.File("a/two.csv", 300, (250, 250)),
            SyntheticNab.File("b/three.csv", 500),
            SyntheticNab.File("b/four.csv", 250, (40, 60), (100, 130), (200, 240)),
        ]);
        // Scores on a 0.05 grid so many rows tie.
        var scores = corpus.Files.ToDictionary(f => f.Key, f => Enumerable.Range(0, f.RowCount).Select(_ => Math.Round(random.Next(21) * 0.05, 2)).ToArray());
        var sweep = new NabThresholdSweep(corpus, scores);

        foreach (var profile in corpus.Profiles)
        {
            var candidates = scores.Values.SelectMany(s => s).Append(NabScorer.NoDetectionThreshold).Distinct().OrderDescending();
            double bestTheta = double.NaN, bestRaw = double.NegativeInfinity;
            foreach (var theta in candidates)
            {
                double raw = NabScorer.ScoreProfile(corpus, scores, profile, theta).RawScore;
                if (raw > bestRaw + 1e-12) (bestTheta, bestRaw) = (theta, raw);
            }
            var (threshold, total) = sweep.Optimise(profile);
            Assert.That(threshold, Is.EqualTo(bestTheta), profile.Name);
            Assert.That(total, Is.EqualTo(bestRaw).Within(1e-12), profile.Name);
        }
    }

    [Test]
    public void ThresholdSearchOverTheWholeCorpusTakesWellUnderASecondPerProfile()
    {
        _ = NabFixtures.Numenta;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sweep = new NabThresholdSweep(NabFixtures.Corpus, NabFixtures.Numenta);
        foreach (var profile in NabFixtures.Corpus.Profiles) sweep.Optimise(profile);
        clock.Stop();

        TestContext.Out.WriteLine($"{sweep.CandidateCount} candidate thresholds, 3 profiles in {clock.ElapsedMilliseconds} ms");
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(3.0));
    }

    [Test]
    public void ScoresNotCoveringTheCorpusExactlyAreRejected()
    {
        var corpus = new NabCorpus([SyntheticNab.File("c/f.csv", 100), SyntheticNab.File("c/g.csv", 100)]);
        var good = new Dictionary<string, double[]> { ["c/f.csv"] = new double[100], ["c/g.csv"] = new double[100] };

        Assert.Multiple(() =>
        {
            Assert.That(() => NabScorer.Score(corpus, new Dictionary<string, double[]> { ["c/f.csv"] = new double[100] }),
                Throws.ArgumentException.With.Message.Contains("No scores for c/g.csv"));
            Assert.That(() => NabScorer.Score(corpus, new Dictionary<string, double[]>(good) { ["c/g.csv"] = new double[99] }),
                Throws.ArgumentException.With.Message.Contains("c/g.csv: 99 scores but the data file has 100 rows"));
            Assert.That(() => NabScorer.Score(corpus, new Dictionary<string, double[]>(good) { ["c/h.csv"] = new double[100] }),
                Throws.ArgumentException.With.Message.Contains("not a corpus file"));
            Assert.That(() => NabScorer.Score(corpus, good), Throws.Nothing);
        });
    }
}
