using HtmCloud.Htm.Utils;

namespace HtmCloud.Bench.Mnist;

/// <summary>Trains a <see cref="DigitClassifier"/> for some epochs (reshuffled each) and records test accuracy per epoch.</summary>
internal static class ClassifierRun
{
    public static double[] TrainAndTest(int[][] patterns, int inputSize, MnistDigits digits, MnistSplit split, int epochs, double alpha, ulong seed)
    {
        var classifier = new DigitClassifier(inputSize, alpha);
        var rng = new Rng(seed);
        var order = (int[])split.Train.Clone();
        var accuracy = new double[epochs];
        for (int e = 0; e < epochs; e++)
        {
            rng.Shuffle(order);
            classifier.Train(patterns, digits.Labels, order);
            accuracy[e] = classifier.Accuracy(patterns, digits.Labels, split.Test);
        }
        return accuracy;
    }
}
