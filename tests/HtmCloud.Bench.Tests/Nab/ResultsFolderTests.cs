using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>Reading and writing NAB-layout results folders.</summary>
public class ResultsFolderTests
{
    private static readonly NabCorpus Small = new([SyntheticNab.File("cat/one.csv", 120, (60, 69)), SyntheticNab.File("dog/two.csv", 80)]);

    private string _dir = "";

    [SetUp]
    public void CreateScratch() => _dir = NabFixtures.TempDir();

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void WrittenResultsUseNabLayoutAndReadBackExactly()
    {
        var random = new Random(3);
        var scores = Small.Files.ToDictionary(f => f.Key, f => Enumerable.Range(0, f.RowCount).Select(_ => random.NextDouble()).ToArray());

        string detectorDir = NabResultsFolder.Write(_dir, "mine", Small, scores);
        var read = NabResultsFolder.Read(detectorDir, "mine", Small);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadLines(Path.Combine(_dir, "mine", "cat", "mine_one.csv")).First(), Is.EqualTo("timestamp,anomaly_score"));
            Assert.That(File.ReadLines(Path.Combine(_dir, "mine", "dog", "mine_two.csv")).Skip(1).First(), Does.StartWith("2020-01-01 00:00:00,"));
            foreach (var key in scores.Keys) Assert.That(read[key], Is.EqualTo(scores[key]), key);
        });
    }

    [TestCase(-1)]
    [TestCase(+1)]
    public void ResultsFileWithTheWrongNumberOfRowsIsRejectedWithAClearError(int extraRows)
    {
        string detectorDir = NabResultsFolder.Write(_dir, "mine", Small, SyntheticNab.Constant(Small, 0.5));
        string path = Path.Combine(detectorDir, "cat", "mine_one.csv");
        var lines = File.ReadAllLines(path).ToList();
        if (extraRows < 0) lines.RemoveAt(lines.Count - 1);
        else lines.Add("2020-01-01 02:00:00,0.5");
        File.WriteAllLines(path, lines);

        Assert.That(() => NabResultsFolder.Read(detectorDir, "mine", Small), Throws.InstanceOf<InvalidDataException>()
            .With.Message.Contains($"{120 + extraRows} score rows but cat/one.csv has 120 data rows")
            .And.Message.Contains("one row per data row"));
    }

    [Test]
    public void ResultsFileOutOfStepWithTheDataTimestampsIsRejected()
    {
        string detectorDir = NabResultsFolder.Write(_dir, "mine", Small, SyntheticNab.Constant(Small, 0.5));
        string path = Path.Combine(detectorDir, "dog", "mine_two.csv");
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(1);
        lines.Add("2020-01-01 01:20:00,0.5");
        File.WriteAllLines(path, lines);

        Assert.That(() => NabResultsFolder.Read(detectorDir, "mine", Small), Throws.InstanceOf<InvalidDataException>()
            .With.Message.Contains("row 1 is at 2020-01-01 00:01:00 but data row 1 of dog/two.csv is at 2020-01-01 00:00:00"));
    }

    [Test]
    public void MissingResultsFileIsRejectedNamingTheExpectedPath()
    {
        string detectorDir = NabResultsFolder.Write(_dir, "mine", Small, SyntheticNab.Constant(Small, 0.5));
        File.Delete(Path.Combine(detectorDir, "dog", "mine_two.csv"));

        Assert.That(() => NabResultsFolder.Read(detectorDir, "mine", Small), Throws.InstanceOf<FileNotFoundException>()
            .With.Message.Contains("dog/two.csv").And.Message.Contains("mine_two.csv"));
    }
}
