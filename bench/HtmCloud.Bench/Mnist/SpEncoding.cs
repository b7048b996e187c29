using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Bench.Mnist;

/// <summary>Trains a spatial pooler on the training images, then maps every image to its active columns with learning off.</summary>
internal static class SpEncoding
{
    /// <summary>Active columns per image index (train and test images only; others stay empty).</summary>
    public static int[][] Learn(SpatialPooler sp, MnistDigits digits, MnistSplit split, int epochs, ulong seed)
    {
        var input = new Sdr(MnistDigits.Side, MnistDigits.Side);
        var columns = new Sdr(sp.NumColumns);
        var rng = new Rng(seed);
        var order = (int[])split.Train.Clone();
        for (int e = 0; e < epochs; e++)
        {
            rng.Shuffle(order);
            foreach (int i in order)
            {
                input.SetSparse(digits.Images[i]);
                sp.Compute(input, learn: true, columns);
            }
        }
        var encoded = new int[digits.Count][];
        Array.Fill(encoded, []);
        foreach (int i in split.Train.Concat(split.Test))
        {
            input.SetSparse(digits.Images[i]);
            sp.Compute(input, learn: false, columns);
            encoded[i] = columns.Sparse.ToArray();
        }
        return encoded;
    }
}
