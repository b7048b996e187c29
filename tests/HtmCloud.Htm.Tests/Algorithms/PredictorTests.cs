using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Algorithms;

public class PredictorTests
{
    private const int InputSize = 2048;

    // One fixed sparse pattern (40 of 2048 bits, ascending) per sequence position, like TM cells in context.
    private static int[][] Patterns(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var all = new int[InputSize];
        var patterns = new int[count][];
        for (int p = 0; p < count; p++)
        {
            for (int i = 0; i < InputSize; i++) all[i] = i;
            rng.Shuffle(all);
            patterns[p] = all[..40];
            Array.Sort(patterns[p]);
        }
        return patterns;
    }

    private static void Train(Predictor predictor, int[][] patterns, double[] values, int records)
    {
        for (int t = 0; t < records; t++) predictor.Compute(patterns[t % patterns.Length], values[t % values.Length]);
    }

    [Test]
    public void LearnsARepeatingSequenceOneStepAhead()
    {
        double[] values = [10, 20, 30, 40, 50];
        var patterns = Patterns(values.Length, 1);
        var predictor = new Predictor(PredictorParameters.Default, InputSize);
        Train(predictor, patterns, values, 300);

        for (int i = 0; i < values.Length; i++)
        {
            var prediction = predictor.Compute(patterns[i], double.NaN, learn: false)[0];
            Assert.That(prediction.Steps, Is.EqualTo(1));
            Assert.That(prediction.BestValue, Is.EqualTo(values[(i + 1) % values.Length]), $"after position {i}");
            Assert.That(prediction.BestProbability, Is.GreaterThan(0.9));
            Assert.That(prediction.Probabilities[prediction.BestBucket], Is.EqualTo(prediction.BestProbability));
            Assert.That(prediction.Values[prediction.BestBucket], Is.EqualTo(prediction.BestValue));
        }
    }

    [Test]
    public void LearnsFiveStepsAhead()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7];
        var patterns = Patterns(values.Length, 2);
        var predictor = new Predictor(new PredictorParameters { Steps = [1, 5] }, InputSize);
        Train(predictor, patterns, values, 400);

        for (int i = 0; i < values.Length; i++)
        {
            predictor.Compute(patterns[i], double.NaN, learn: false);
            var one = predictor.PredictionFor(1);
            var five = predictor.PredictionFor(5);
            Assert.That(one.BestValue, Is.EqualTo(values[(i + 1) % values.Length]));
            Assert.That(five.BestValue, Is.EqualTo(values[(i + 5) % values.Length]), $"5 steps after position {i}");
            Assert.That(five.BestProbability, Is.GreaterThan(0.9));
        }
    }

    [Test]
    public void ZeroStepsClassifiesTheCurrentRecord()
    {
        double[] values = [3, 8, 5];
        var patterns = Patterns(values.Length, 3);
        var predictor = new Predictor(new PredictorParameters { Steps = [0] }, InputSize);
        Train(predictor, patterns, values, 150);
        for (int i = 0; i < values.Length; i++)
            Assert.That(predictor.Compute(patterns[i], double.NaN, learn: false)[0].BestValue, Is.EqualTo(values[i]));
    }

    [Test]
    public void DistributionSumsToOne()
    {
        var patterns = Patterns(4, 4);
        var predictor = new Predictor(PredictorParameters.Default, InputSize);
        Train(predictor, patterns, [1, 2, 3, 4], 50);
        var prediction = predictor.Compute(patterns[0], 1)[0];
        double sum = 0;
        foreach (double p in prediction.Probabilities) sum += p;
        Assert.That(sum, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(prediction.BucketCount, Is.EqualTo(4));
    }

    [Test]
    public void BucketValueIsTheRunningMeanOfItsValues()
    {
        var predictor = new Predictor(new PredictorParameters { Resolution = 10 }, InputSize);
        predictor.Compute([1, 2], 11);
        predictor.Compute([1, 2], 13);
        predictor.Compute([1, 2], 25);
        Assert.That(predictor.BucketCount, Is.EqualTo(2));
        Assert.That(predictor.BucketValues.ToArray(), Is.EqualTo(new[] { 12.0, 25.0 }));
    }

    [Test]
    public void NegativeValuesBucketByFloor()
    {
        var predictor = new Predictor(new PredictorParameters { Resolution = 1 }, InputSize);
        predictor.Compute([1], -0.5);
        predictor.Compute([1], 0.5);
        Assert.That(predictor.BucketCount, Is.EqualTo(2));
    }

    [Test]
    public void BucketCapMapsNewValuesToTheNearestBucket()
    {
        var predictor = new Predictor(new PredictorParameters { MaxBuckets = 2 }, InputSize);
        predictor.Compute([5], 0);
        predictor.Compute([5], 10);
        predictor.Compute([5], 20);
        predictor.Compute([5], -3);
        Assert.That(predictor.BucketCount, Is.EqualTo(2));
        Assert.That(predictor.BucketValues.ToArray(), Is.EqualTo(new[] { 0.0, 10.0 }));
    }

    [Test]
    public void WeightsGrowWithBucketsAndKeepWhatWasLearned()
    {
        double[] values = [1, 2];
        var patterns = Patterns(2, 5);
        var predictor = new Predictor(PredictorParameters.Default, InputSize);
        Train(predictor, patterns, values, 200);
        Assert.That(predictor.Capacity, Is.EqualTo(4));
        // Ten new buckets force two re-layouts of the weights.
        for (int v = 100; v < 110; v++) predictor.Compute(patterns[0], v, learn: true);
        Assert.That(predictor.Capacity, Is.EqualTo(16));
        var prediction = predictor.Compute(patterns[0], double.NaN, learn: false)[0];
        Assert.That(prediction.BucketCount, Is.EqualTo(12));
        Assert.That(predictor.WeightsFor(0).Length, Is.EqualTo(InputSize * 16));
    }

    [Test]
    public void PredictsNothingBeforeAnyValue()
    {
        var predictor = new Predictor(PredictorParameters.Default, InputSize);
        var prediction = predictor.Compute([1, 2, 3], double.NaN)[0];
        Assert.That(prediction.BucketCount, Is.Zero);
        Assert.That(prediction.BestBucket, Is.EqualTo(-1));
        Assert.That(prediction.BestValue, Is.NaN);
        Assert.That(prediction.Probabilities.IsEmpty, Is.True);
    }

    [Test]
    public void ResetForgetsHistory()
    {
        var predictor = new Predictor(new PredictorParameters { Steps = [1] }, InputSize);
        predictor.Compute([1], 1);
        predictor.Reset();
        Assert.That(predictor.RecordCount, Is.Zero);
        // Without history nothing is learned for step 1, so the weights stay zero.
        predictor.Compute([7], 2);
        Assert.That(predictor.WeightsFor(0).All(w => w == 0), Is.True);
    }

    [Test]
    public void IsDeterministic()
    {
        var patterns = Patterns(6, 6);
        var rng = new Rng(8);
        var a = new Predictor(new PredictorParameters { Steps = [1, 3] }, InputSize);
        var b = new Predictor(new PredictorParameters { Steps = [1, 3] }, InputSize);
        for (int t = 0; t < 300; t++)
        {
            var pattern = patterns[rng.NextInt(patterns.Length)];
            double value = rng.NextInt(10);
            var pa = a.Compute(pattern, value);
            var pb = b.Compute(pattern, value);
            for (int s = 0; s < 2; s++)
                Assert.That(pb[s].Probabilities.ToArray(), Is.EqualTo(pa[s].Probabilities.ToArray()));
        }
    }

    [TestCase(3)]
    [TestCase(250)]
    public void SnapshotRoundTripContinuesIdentically(int before)
    {
        var parameters = new PredictorParameters { Steps = [0, 1, 3], Alpha = 0.05, Resolution = 0.5 };
        var patterns = Patterns(9, 10);
        var rng = new Rng(12);
        var original = new Predictor(parameters, InputSize);
        for (int t = 0; t < before; t++) original.Compute(patterns[rng.NextInt(9)], rng.NextInt(6) * 0.5);

        using var stream = new MemoryStream();
        var writer = new SnapshotWriter(stream);
        PredictorCodec.Write(writer, original);
        writer.Complete();
        stream.Position = 0;
        var reader = new SnapshotReader(stream);
        var restored = new Predictor(parameters, InputSize);
        PredictorCodec.Read(reader, restored);
        reader.End();

        for (int s = 0; s < 3; s++)
        {
            Assert.That(restored.Predictions[s].Probabilities.ToArray(), Is.EqualTo(original.Predictions[s].Probabilities.ToArray()));
            Assert.That(restored.Predictions[s].BestValue, Is.EqualTo(original.Predictions[s].BestValue));
        }
        // Values up to 20 bring new buckets after the restore, so weight growth is exercised too.
        for (int t = 0; t < 300; t++)
        {
            var pattern = patterns[rng.NextInt(9)];
            double value = rng.NextInt(40) * 0.5;
            var po = original.Compute(pattern, value);
            var pr = restored.Compute(pattern, value);
            for (int s = 0; s < 3; s++)
            {
                Assert.That(pr[s].Probabilities.ToArray(), Is.EqualTo(po[s].Probabilities.ToArray()), $"record {t}, step index {s}");
                Assert.That(pr[s].BestValue, Is.EqualTo(po[s].BestValue));
            }
        }
        for (int s = 0; s < 3; s++) Assert.That(restored.WeightsFor(s), Is.EqualTo(original.WeightsFor(s)));
    }

    [Test]
    public void SnapshotRefusesOtherParameters()
    {
        using var stream = new MemoryStream();
        var writer = new SnapshotWriter(stream);
        PredictorCodec.Write(writer, new Predictor(PredictorParameters.Default, InputSize));
        writer.Complete();
        stream.Position = 0;
        var other = new Predictor(new PredictorParameters { Steps = [2] }, InputSize);
        Assert.Throws<SnapshotFormatException>(() => PredictorCodec.Read(new SnapshotReader(stream), other));
    }

    [Test]
    public void DoesNotAllocateInSteadyState()
    {
        double[] values = [1, 2, 3, 4];
        var patterns = Patterns(values.Length, 13);
        var predictor = new Predictor(new PredictorParameters { Steps = [1, 5] }, InputSize);
        Train(predictor, patterns, values, 100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Train(predictor, patterns, values, 100);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void RejectsBadPatterns()
    {
        var predictor = new Predictor(PredictorParameters.Default, InputSize);
        Assert.Throws<ArgumentException>(() => predictor.Compute([3, 1], 1));
        Assert.Throws<ArgumentException>(() => predictor.Compute([1, 1], 1));
        Assert.Throws<ArgumentException>(() => predictor.Compute([InputSize], 1));
        Assert.Throws<ArgumentException>(() => predictor.Compute([-1], 1));
        Assert.Throws<ArgumentException>(() => predictor.PredictionFor(5));
    }

    [Test]
    public void ValidateReportsEveryInvalidField()
    {
        var p = new PredictorParameters { Steps = [], Alpha = 0, Resolution = double.NaN, MaxBuckets = 0 };
        Assert.That(p.Validate().Select(e => e.Field).Distinct(), Is.EquivalentTo(new[] { "steps", "alpha", "resolution", "maxBuckets" }));
        Assert.Throws<ArgumentException>(() => new Predictor(p, InputSize));

        var steps = new PredictorParameters { Steps = [1, 1, -2, 5000] }.Validate();
        Assert.That(steps.Count(e => e.Field == "steps"), Is.EqualTo(2), "range and repetition");
        Assert.That(PredictorParameters.Default.Validate(), Is.Empty);
    }

    [Test]
    public void ParametersCompareStepsByValue()
    {
        Assert.That(new PredictorParameters { Steps = [1, 5] }, Is.EqualTo(new PredictorParameters { Steps = [1, 5] }));
        Assert.That(new PredictorParameters { Steps = [1, 5] }.GetHashCode(), Is.EqualTo(new PredictorParameters { Steps = [1, 5] }.GetHashCode()));
        Assert.That(new PredictorParameters { Steps = [1, 5] }, Is.Not.EqualTo(new PredictorParameters { Steps = [5, 1] }));
    }
}
