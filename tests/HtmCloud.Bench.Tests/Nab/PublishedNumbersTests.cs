using System.Text.Json;
using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>NuPIC's stored results must give NAB's published numbers (README "Check").</summary>
public class PublishedNumbersTests
{
    private const double Tolerance = 1e-9;

    [Test]
    public void NuPicResultsAtPublishedThresholdsReproduceNabsPublishedNormalisedAndRawScores()
    {
        var thresholds = NabPublishedThresholds.For(NabFixtures.Corpus, "numenta")!;
        var report = NabScorer.ScoreAtThresholds(NabFixtures.Corpus, NabFixtures.Numenta,
            thresholds.ToDictionary(t => t.Key, t => t.Value.Threshold), "numenta");

        Assert.Multiple(() =>
        {
            Assert.That(report.Standard, Is.EqualTo(70.10105611943965).Within(Tolerance));
            Assert.That(report.LowFp, Is.EqualTo(63.11684160219828).Within(Tolerance));
            Assert.That(report.LowFn, Is.EqualTo(74.3202443095115).Within(Tolerance));
            Assert.That(report[NabProfile.StandardName].RawScore, Is.EqualTo(46.634450197137596).Within(Tolerance));
            Assert.That(report[NabProfile.LowFpName].RawScore, Is.EqualTo(30.431072517124093).Within(Tolerance));
            Assert.That(report[NabProfile.LowFnName].RawScore, Is.EqualTo(26.634450197137568).Within(Tolerance));
        });
    }

    [Test]
    public void NuPicResultsAtPublishedThresholdsMatchFinalResultsJsonAndThresholdsJson()
    {
        var thresholds = NabPublishedThresholds.For(NabFixtures.Corpus, "numenta")!;
        var report = NabScorer.ScoreAtThresholds(NabFixtures.Corpus, NabFixtures.Numenta,
            thresholds.ToDictionary(t => t.Key, t => t.Value.Threshold), "numenta");
        using var final = JsonDocument.Parse(File.ReadAllText(NabFixtures.FinalResultsJson));
        var published = final.RootElement.GetProperty("numenta");

        Assert.That(report.Profiles, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            foreach (var p in report.Profiles)
            {
                Assert.That(p.NormalisedScore, Is.EqualTo(published.GetProperty(p.Profile.Name).GetDouble()).Within(Tolerance), p.Profile.Name);
                Assert.That(p.RawScore, Is.EqualTo(thresholds[p.Profile.Name].RawScore).Within(Tolerance), p.Profile.Name);
            }
        });
    }

    [Test]
    public void NuPicResultsWithExhaustiveThresholdSearchScore70_1010561194And63_2091850025And74_3202443095()
    {
        var report = NabScorer.Score(NabFixtures.Corpus, NabFixtures.Numenta, "numenta");

        Assert.Multiple(() =>
        {
            Assert.That(report.ThresholdMethod, Is.EqualTo(NabScorer.ExhaustiveMethod));
            Assert.That(report.Standard, Is.EqualTo(70.1010561194).Within(Tolerance));
            Assert.That(report.LowFp, Is.EqualTo(63.2091850025).Within(Tolerance));
            Assert.That(report.LowFn, Is.EqualTo(74.3202443095).Within(Tolerance));
        });
    }

    [Test]
    public void ExhaustiveSearchNeverScoresBelowThePublishedThresholds()
    {
        var optimised = NabScorer.Score(NabFixtures.Corpus, NabFixtures.Numenta, "numenta");
        var published = NabPublishedThresholds.For(NabFixtures.Corpus, "numenta")!;

        Assert.Multiple(() =>
        {
            foreach (var p in optimised.Profiles)
                Assert.That(p.RawScore, Is.GreaterThanOrEqualTo(published[p.Profile.Name].RawScore - Tolerance), p.Profile.Name);
        });
    }
}
