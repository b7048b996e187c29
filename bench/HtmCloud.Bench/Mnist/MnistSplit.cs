using HtmCloud.Htm.Utils;

namespace HtmCloud.Bench.Mnist;

/// <summary>A fixed train/test split: image indices shuffled by the engine's <see cref="Rng"/> with a fixed seed.</summary>
internal sealed class MnistSplit
{
    public MnistSplit(int count, int trainCount, int testCount, ulong seed)
    {
        if (trainCount + testCount > count) throw new ArgumentException($"{trainCount} + {testCount} images requested, {count} available.");
        var order = Enumerable.Range(0, count).ToArray();
        new Rng(seed).Shuffle(order);
        Train = order[..trainCount];
        Test = order[trainCount..(trainCount + testCount)];
    }

    public int[] Train { get; }
    public int[] Test { get; }
}
