using System.Globalization;

namespace HtmCloud.Bench.Tests;

/// <summary>The `score` command end to end on NuPIC's stored results.</summary>
[NonParallelizable]
public class ScoreCommandTests
{
    [Test]
    public void ScoringNuPicResultsPrintsBothThresholdMethodsAndEndsWithTheOptimisersSummaryLine()
    {
        var (exit, output, _) = Run("--detector", Nab.NabFixtures.NumentaDir);
        var lastLine = output.TrimEnd().Split('\n')[^1];
        var values = lastLine.Split(' ').Skip(1).Select(p => double.Parse(p[(p.IndexOf('=') + 1)..], CultureInfo.InvariantCulture)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(output, Does.Contain("numenta: published thresholds").And.Contain("numenta: exhaustive optimiser"));
            Assert.That(output, Does.Contain("realKnownCause"));
            Assert.That(lastLine, Does.Match(@"^nab standard=\S+ low_fp=\S+ low_fn=\S+$"));
            Assert.That(values[0], Is.EqualTo(70.1010561194).Within(1e-9));
            Assert.That(values[1], Is.EqualTo(63.2091850025).Within(1e-9));
            Assert.That(values[2], Is.EqualTo(74.3202443095).Within(1e-9));
        });
    }

    [Test]
    public void ScoringAFolderWithoutTheDetectorsFilesFailsWithAMessage()
    {
        var (exit, _, error) = Run("--detector", Nab.NabFixtures.NumentaDir, "--name", "other");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("other_").And.Contain("missing"));
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int exit = ScoreCommand.Run(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
