using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Algorithms;

public class AnomalyLikelihoodTests
{
    private static readonly AnomalyLikelihoodParameters Small = new()
    {
        LearningPeriod = 20, EstimationSamples = 30, HistoricWindowSize = 120, ReestimationPeriod = 25,
    };

    // Low, noisy raw scores in [0, 0.1), the same on every run.
    private static double[] LowScores(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var scores = new double[count];
        for (int i = 0; i < count; i++) scores[i] = 0.1 * rng.NextDouble();
        return scores;
    }

    [Test]
    public void ReturnsHalfDuringLearningAndEstimation()
    {
        var detector = new AnomalyLikelihood(AnomalyLikelihoodParameters.Default);
        int before = 288 + 100 - 1;
        for (int i = 0; i < before; i++)
            Assert.That(detector.Compute(i % 7 == 0 ? 1.0 : 0.0), Is.EqualTo(0.5), $"record {i}");
        Assert.That(detector.IsFitted, Is.False);
        double first = detector.Compute(0.0);
        Assert.That(detector.IsFitted, Is.True);
        Assert.That(first, Is.Not.EqualTo(0.5));
    }

    [Test]
    public void StableLowScoresStayUnremarkable()
    {
        var detector = new AnomalyLikelihood(AnomalyLikelihoodParameters.Default);
        double sum = 0, max = 0;
        int scored = 0;
        foreach (double s in LowScores(3000, 7))
        {
            double l = detector.Compute(s);
            if (!detector.IsFitted) continue;
            sum += l;
            max = Math.Max(max, l);
            scored++;
        }
        Assert.That(sum / scored, Is.InRange(0.3, 0.6));
        Assert.That(max, Is.LessThan(0.99));
    }

    [Test]
    public void ConstantZeroScoresStayBelowHalf()
    {
        var detector = new AnomalyLikelihood(Small);
        for (int i = 0; i < 500; i++)
        {
            double l = detector.Compute(0.0);
            Assert.That(l, Is.LessThanOrEqualTo(0.5));
        }
        Assert.That(detector.Mean, Is.EqualTo(0.03), "mean floor");
        Assert.That(detector.StandardDeviation, Is.EqualTo(Math.Sqrt(0.0003)), "variance floor");
    }

    [TestCase(1000)]
    [TestCase(1087)] // the jump is record 1088 = 388 + 7·100, where the distribution is refitted
    [TestCase(1088)] // refitted one record after the jump
    public void ReactsAtTheRowOfAJump(int jumpRow)
    {
        var detector = new AnomalyLikelihood(AnomalyLikelihoodParameters.Default);
        var results = new List<double>();
        foreach (double s in LowScores(jumpRow, 11)) results.Add(detector.Compute(s));
        double atJump = detector.Compute(1.0);
        double second = detector.Compute(1.0);

        Assert.That(results[^1], Is.LessThan(0.99), "before the jump");
        Assert.That(atJump, Is.GreaterThan(0.999), "at the first 1.0 row");
        Assert.That(AnomalyLikelihood.LogLikelihood(atJump), Is.GreaterThan(0.5));
        Assert.That(second, Is.EqualTo(0.999).Within(1e-12), "consecutive red is lowered to yellow");
    }

    [Test]
    public void RedFilterUsesThePreviousUnfilteredTail()
    {
        var detector = new AnomalyLikelihood(AnomalyLikelihoodParameters.Default);
        foreach (double s in LowScores(1000, 3)) detector.Compute(s);
        Assert.That(detector.Compute(1.0), Is.GreaterThan(1 - 1e-5), "first red row stays red");
        for (int i = 0; i < 5; i++)
            Assert.That(detector.Compute(1.0), Is.EqualTo(0.999).Within(1e-12), $"red row {i + 2} after red");
    }

    [Test]
    public void FlatMetricIsNeverAnomalous()
    {
        var detector = new AnomalyLikelihood(AnomalyLikelihoodParameters.Default);
        foreach (double s in LowScores(1000, 5)) detector.Compute(s, 42.0);
        double atJump = detector.Compute(1.0, 42.0);
        Assert.That(detector.Mean, Is.EqualTo(0.5));
        Assert.That(detector.StandardDeviation, Is.EqualTo(1000.0));
        Assert.That(atJump, Is.EqualTo(0.5).Within(1e-3));
    }

    [Test]
    public void VaryingMetricKeepsTheFittedDistribution()
    {
        var detector = new AnomalyLikelihood(AnomalyLikelihoodParameters.Default);
        int i = 0;
        foreach (double s in LowScores(1000, 5)) detector.Compute(s, Math.Sin(i++ * 0.1));
        Assert.That(detector.Compute(1.0, 0.0), Is.GreaterThan(0.999));
    }

    [Test]
    public void MissingMetricValuesNeverMakeTheMetricFlat()
    {
        var detector = new AnomalyLikelihood(AnomalyLikelihoodParameters.Default);
        int i = 0;
        // Only a handful of known values, all equal: too few to call the metric flat.
        foreach (double s in LowScores(1000, 5)) detector.Compute(s, i++ % 50 == 0 ? 1.0 : double.NaN);
        Assert.That(detector.Compute(1.0), Is.GreaterThan(0.999));
    }

    [Test]
    public void FitForgetsRecordsOutsideTheWindow()
    {
        var detector = new AnomalyLikelihood(Small);
        var rng = new Rng(1);
        for (int i = 0; i < 400; i++) detector.Compute(0.05 * rng.NextDouble());
        for (int i = 0; i < 400; i++) detector.Compute(0.5 + 0.1 * rng.NextDouble());
        Assert.That(detector.Mean, Is.EqualTo(0.55).Within(0.02));
    }

    [Test]
    public void IsDeterministic()
    {
        var a = new AnomalyLikelihood(Small);
        var b = new AnomalyLikelihood(Small);
        var rng = new Rng(9);
        for (int i = 0; i < 1000; i++)
        {
            double s = rng.NextDouble() < 0.05 ? 1.0 : 0.1 * rng.NextDouble();
            Assert.That(b.Compute(s), Is.EqualTo(a.Compute(s)));
        }
    }

    [TestCase(10)]
    [TestCase(700)]
    public void SnapshotRoundTripContinuesIdentically(int before)
    {
        var original = new AnomalyLikelihood(Small);
        var rng = new Rng(21);
        double Next() => rng.NextDouble() < 0.05 ? 1.0 : 0.2 * rng.NextDouble();
        for (int i = 0; i < before; i++) original.Compute(Next(), i % 13);

        using var stream = new MemoryStream();
        var writer = new SnapshotWriter(stream);
        AnomalyLikelihoodCodec.Write(writer, original);
        writer.Complete();
        stream.Position = 0;
        var reader = new SnapshotReader(stream);
        var restored = new AnomalyLikelihood(Small);
        AnomalyLikelihoodCodec.Read(reader, restored);
        reader.End();

        Assert.That(restored.RecordCount, Is.EqualTo(original.RecordCount));
        for (int i = 0; i < 700; i++)
        {
            double s = Next();
            Assert.That(restored.Compute(s, i % 5), Is.EqualTo(original.Compute(s, i % 5)), $"record {i} after restore");
        }
        Assert.That(restored.Mean, Is.EqualTo(original.Mean));
        Assert.That(restored.StandardDeviation, Is.EqualTo(original.StandardDeviation));
    }

    [Test]
    public void SnapshotRefusesOtherParameters()
    {
        using var stream = new MemoryStream();
        var writer = new SnapshotWriter(stream);
        AnomalyLikelihoodCodec.Write(writer, new AnomalyLikelihood(Small));
        writer.Complete();
        stream.Position = 0;
        var other = new AnomalyLikelihood(Small with { ReestimationPeriod = 26 });
        Assert.Throws<SnapshotFormatException>(() => AnomalyLikelihoodCodec.Read(new SnapshotReader(stream), other));
    }

    [Test]
    public void DoesNotAllocatePerRecord()
    {
        var detector = new AnomalyLikelihood(Small);
        var scores = LowScores(1000, 4);
        foreach (double s in scores) detector.Compute(s, s);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (double s in scores) detector.Compute(s, s);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void RejectsInvalidRawScores()
    {
        var detector = new AnomalyLikelihood(Small);
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Compute(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Compute(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Compute(-0.1));
    }

    [Test]
    public void DefaultsAreValidAndMatchTheDocumentation()
    {
        var p = AnomalyLikelihoodParameters.Default;
        Assert.That(p.Validate(), Is.Empty);
        Assert.That((p.LearningPeriod, p.EstimationSamples, p.HistoricWindowSize, p.ReestimationPeriod, p.AveragingWindow),
            Is.EqualTo((288, 100, 8640, 100, 10)));
        Assert.That((p.MinimumMean, p.MinimumVariance, p.RedThreshold, p.YellowThreshold, p.FlatMetricVariance),
            Is.EqualTo((0.03, 0.0003, 1e-5, 1e-3, 1.5e-5)));
    }

    [Test]
    public void ValidateReportsEveryInvalidField()
    {
        var p = new AnomalyLikelihoodParameters
        {
            LearningPeriod = -1, EstimationSamples = 0, HistoricWindowSize = 0, ReestimationPeriod = 0, AveragingWindow = 0,
            MinimumMean = -0.1, MinimumVariance = 0, RedThreshold = 0, YellowThreshold = 1, FlatMetricVariance = double.NaN,
        };
        var fields = p.Validate().Select(e => e.Field).ToHashSet();
        Assert.That(fields, Is.EquivalentTo(new[]
        {
            "learningPeriod", "estimationSamples", "historicWindowSize", "reestimationPeriod", "averagingWindow",
            "minimumMean", "minimumVariance", "redThreshold", "yellowThreshold", "flatMetricVariance",
        }));
        Assert.Throws<ArgumentException>(() => new AnomalyLikelihood(p));
    }

    [Test]
    public void ValidateChecksCrossFieldRules()
    {
        var p = new AnomalyLikelihoodParameters { HistoricWindowSize = 50, EstimationSamples = 60, RedThreshold = 0.01, YellowThreshold = 0.001 };
        Assert.That(p.Validate().Select(e => e.Field), Is.EquivalentTo(new[] { "historicWindowSize", "yellowThreshold" }));
    }

    [TestCase(0.0, 1.0)]
    [TestCase(0.1, 0.8875370839817152)]
    [TestCase(0.5, 0.4795001221869535)]
    [TestCase(1.0, 0.15729920705028513)]
    [TestCase(1.5, 0.033894853524689274)]
    [TestCase(2.0, 0.004677734981047265)]
    [TestCase(2.5, 0.0004069520174449589)]
    [TestCase(3.0, 2.2090496998585438e-05)]
    [TestCase(3.5, 7.430983723414128e-07)]
    [TestCase(4.0, 1.541725790028002e-08)]
    [TestCase(4.5, 1.9661604415428873e-10)]
    [TestCase(5.0, 1.5374597944280351e-12)]
    [TestCase(5.5, 7.357847917974398e-15)]
    [TestCase(7.0, 4.183825607779414e-23)]
    [TestCase(-1.0, 1.842700792949715)]
    public void ErfcHasNumericalRecipesAccuracy(double x, double expected) =>
        Assert.That(AnomalyLikelihood.Erfc(x), Is.EqualTo(expected).Within(1.2e-7 * expected));

    [Test]
    public void TailProbabilityIsMirroredBelowTheMean()
    {
        Assert.That(AnomalyLikelihood.TailProbability(0.2, 0.2, 0.05), Is.EqualTo(0.5).Within(1e-7));
        double above = AnomalyLikelihood.TailProbability(0.3, 0.2, 0.05);
        Assert.That(above, Is.EqualTo(0.022750131948179195).Within(1e-8)); // z = 2
        Assert.That(AnomalyLikelihood.TailProbability(0.1, 0.2, 0.05), Is.EqualTo(1 - above).Within(1e-12));
    }

    [Test]
    public void LogLikelihoodMapsTheRedThresholdToHalf()
    {
        Assert.That(AnomalyLikelihood.LogLikelihood(1 - 1e-5), Is.EqualTo(0.5).Within(1e-4));
        Assert.That(AnomalyLikelihood.LogLikelihood(0.5), Is.EqualTo(0.0301).Within(1e-4));
        Assert.That(AnomalyLikelihood.LogLikelihood(1.0), Is.EqualTo(1.0).Within(1e-9));
    }
}
