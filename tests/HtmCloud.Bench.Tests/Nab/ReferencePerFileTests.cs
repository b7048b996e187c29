using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>Per-file Score, TP, TN, FP, FN of NuPIC's stored results against NAB's reference CSVs.</summary>
public class ReferencePerFileTests
{
    private const string Published = "nab_numenta_perfile_scores_published_thresholds.csv";
    private const string Reoptimised = "nab_numenta_perfile_scores_reoptimized.csv";

    [TestCase(NabProfile.StandardName)]
    [TestCase(NabProfile.LowFpName)]
    [TestCase(NabProfile.LowFnName)]
    public void EveryFileAtPublishedThresholdsMatchesNabsReferenceRow(string profileName)
    {
        var rows = ReferenceRow.Load(NabFixtures.Reference(Published)).Where(r => r.Profile == profileName).ToArray();
        var threshold = NabPublishedThresholds.For(NabFixtures.Corpus, "numenta")![profileName].Threshold;
        var score = NabScorer.ScoreProfile(NabFixtures.Corpus, NabFixtures.Numenta, NabFixtures.Corpus.Profile(profileName), threshold);

        AssertRowsMatch(rows, score);
    }

    [TestCase(NabProfile.StandardName)]
    [TestCase(NabProfile.LowFpName)]
    [TestCase(NabProfile.LowFnName)]
    public void EveryFileAtReoptimisedThresholdsMatchesNabsReferenceRowAndThreshold(string profileName)
    {
        var rows = ReferenceRow.Load(NabFixtures.Reference(Reoptimised)).Where(r => r.Profile == profileName).ToArray();
        var score = NabScorer.Score(NabFixtures.Corpus, NabFixtures.Numenta)[profileName];

        // The reference prints the threshold to 12 significant digits.
        Assert.That(score.Threshold, Is.EqualTo(rows.First(r => !r.IsTotals).Threshold).Within(1e-12));
        AssertRowsMatch(rows, score);
    }

    private static void AssertRowsMatch(ReferenceRow[] rows, NabProfileScore score)
    {
        var files = rows.Where(r => !r.IsTotals).ToArray();
        var totals = rows.Single(r => r.IsTotals);
        Assert.That(files.Select(r => r.File), Is.EquivalentTo(score.Files.Select(f => f.Key)));
        Assert.Multiple(() =>
        {
            foreach (var expected in files)
            {
                var actual = score.File(expected.File);
                Assert.That(actual.Score, Is.EqualTo(expected.Score).Within(1e-9), expected.File + " score");
                Assert.That((actual.TruePositives, actual.TrueNegatives, actual.FalsePositives, actual.FalseNegatives, actual.TotalCount),
                    Is.EqualTo((expected.Tp, expected.Tn, expected.Fp, expected.Fn, expected.TotalCount)), expected.File + " TP, TN, FP, FN, total");
            }
            Assert.That(score.RawScore, Is.EqualTo(totals.Score).Within(1e-9), "Totals score");
            Assert.That((score.TruePositives, score.TrueNegatives, score.FalsePositives, score.FalseNegatives, score.TotalCount),
                Is.EqualTo((totals.Tp, totals.Tn, totals.Fp, totals.Fn, totals.TotalCount)), "Totals counts");
        });
    }
}
