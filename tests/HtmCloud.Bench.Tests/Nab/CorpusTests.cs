using System.Globalization;
using System.Text.Json;
using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>Loading the repo's corpus: window mapping, probationary lengths, and the 0 / 100 anchors of normalisation.</summary>
public class CorpusTests
{
    [Test]
    public void CorpusHas58Files365558RowsAnd116Windows()
    {
        var corpus = NabFixtures.Corpus;
        Assert.That((corpus.Files.Count, corpus.Files.Sum(f => f.RowCount), corpus.WindowCount), Is.EqualTo((58, 365558, 116)));
        Assert.That(corpus.Profiles.Select(p => p.Name), Is.EqualTo(new[] { NabProfile.StandardName, NabProfile.LowFpName, NabProfile.LowFnName }));
        Assert.That(corpus.Profiles, Is.EqualTo(NabProfile.Defaults));
    }

    [Test]
    public void ProbationaryLengthsMatchTheNuPicEncoderTable()
    {
        var table = File.ReadAllLines(NabFixtures.Reference("numenta_encoder_table.csv")).Skip(1).Select(l => l.Split(','));
        Assert.Multiple(() =>
        {
            foreach (var row in table)
            {
                var file = NabFixtures.Corpus[row[0]];
                Assert.That(file.RowCount, Is.EqualTo(int.Parse(row[1], CultureInfo.InvariantCulture)), row[0]);
                Assert.That(file.ProbationaryLength, Is.EqualTo(int.Parse(row[5], CultureInfo.InvariantCulture)), row[0]);
            }
        });
    }

    [Test]
    public void WindowBoundaryMapsToTheFirstRowWhoseTimestampEqualsIt()
    {
        // Rows 0..19 one a minute, then rows 20..22 repeat minutes 5, 6, 7 (a backward jump).
        var times = Enumerable.Range(0, 20).Concat([5, 6, 7]).Select(SyntheticNab.At).ToArray();
        var file = NabFile.Create("c/dup.csv", times, [(SyntheticNab.At(5), SyntheticNab.At(7))]);

        Assert.Multiple(() =>
        {
            Assert.That(file.Windows, Is.EqualTo(new[] { new NabWindow(5, 7) }));
            // Rows 20..22 carry in-window timestamps but lie after the window: membership is by row, not time.
            for (int i = 20; i < 23; i++) Assert.That(file.Weight(i, NabProfile.Defaults[0]), Is.LessThan(0), $"row {i}");
        });
    }

    [Test]
    public void WindowBoundaryOnARepeatedTimestampMapsToItsFirstOccurrence()
    {
        // Minute 8 appears at rows 8 and 9; the window ends at minute 12.
        var times = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13 }.Select(SyntheticNab.At).ToArray();
        var file = NabFile.Create("c/dup.csv", times, [(SyntheticNab.At(8), SyntheticNab.At(12))]);

        Assert.That(file.Windows, Is.EqualTo(new[] { new NabWindow(8, 13) }));
    }

    [Test]
    public void CorpusFilesWithRepeatedTimestampsMapEachBoundaryToItsFirstMatchingRow()
    {
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(NabCorpus.LocateRoot(), "labels", "combined_windows.json")));
        int checkedFiles = 0;
        foreach (var file in NabFixtures.Corpus.Files.Where(f => f.Timestamps.Distinct().Count() < f.RowCount))
        {
            checkedFiles++;
            var boundaries = labels.RootElement.GetProperty(file.Key).EnumerateArray().ToArray();
            for (int k = 0; k < file.Windows.Count; k++)
            {
                var start = DateTime.Parse(boundaries[k][0].GetString()!, CultureInfo.InvariantCulture);
                var end = DateTime.Parse(boundaries[k][1].GetString()!, CultureInfo.InvariantCulture);
                Assert.That(FirstRow(file, start), Is.EqualTo(file.Windows[k].Start), file.Key);
                Assert.That(FirstRow(file, end), Is.EqualTo(file.Windows[k].End), file.Key);
            }
        }
        Assert.That(checkedFiles, Is.EqualTo(8));
    }

    [Test]
    public void UnknownWindowBoundaryIsRejected() =>
        Assert.That(() => NabFile.Create("c/f.csv", [SyntheticNab.At(0), SyntheticNab.At(1)], [(SyntheticNab.At(0), SyntheticNab.At(5))]),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("matches no row"));

    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    public void ConstantDetectorScoresZeroOnEveryProfile(double value)
    {
        var report = NabScorer.Score(NabFixtures.Corpus, SyntheticNab.Constant(NabFixtures.Corpus, value), "constant");

        Assert.That(report.Profiles.Select(p => p.NormalisedScore), Is.EqualTo(new[] { 0.0, 0.0, 0.0 }));
    }

    [Test]
    public void PerfectOracleScores100OnEveryProfile()
    {
        var oracle = NabFixtures.Corpus.Files.ToDictionary(f => f.Key, f =>
        {
            var scores = new double[f.RowCount];
            foreach (var w in f.Windows) scores[w.Start] = 1.0;
            return scores;
        });

        var report = NabScorer.Score(NabFixtures.Corpus, oracle, "oracle");

        Assert.Multiple(() =>
        {
            Assert.That(report.Profiles.Select(p => p.NormalisedScore), Is.EqualTo(new[] { 100.0, 100.0, 100.0 }));
            Assert.That(report.Profiles.Select(p => p.Threshold), Is.All.EqualTo(1.0));
            Assert.That(report.Profiles.Select(p => p.WindowsDetected), Is.All.EqualTo(116));
        });
    }

    private static int FirstRow(NabFile file, DateTime time)
    {
        for (int i = 0; i < file.RowCount; i++) if (file.Timestamps[i] == time) return i;
        return -1;
    }
}
