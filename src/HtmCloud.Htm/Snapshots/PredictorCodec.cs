using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Htm.Snapshots;

/// <summary>Saves and restores the full state of a <see cref="Predictor"/>, including its last predictions.</summary>
internal static class PredictorCodec
{
    private const string Tag = "predictor";

    public static void Write(SnapshotWriter w, Predictor x)
    {
        w.Section(Tag);
        var p = x.Parameters;
        w.Write(x.Steps);
        w.Write(p.Alpha);
        w.Write(p.Resolution);
        w.Write(p.MaxBuckets);
        w.Write(x.InputSize);

        w.Write(x.RecordCount);
        w.Write(x.HistoryHead);
        for (int slot = 0; slot < x.HistorySlots; slot++) w.Write(x.HistorySlot(slot));

        w.Write(x.Capacity);
        w.Write(x.BucketKeys);
        w.Write(x.BucketCounts);
        w.Write(x.BucketValues);
        for (int s = 0; s < x.Steps.Length; s++) w.Write(x.WeightsFor(s));

        foreach (var prediction in x.Predictions)
        {
            w.Write(prediction.BestBucket);
            w.Write(prediction.BestValue);
            w.Write(prediction.BestProbability);
            w.Write(prediction.Probabilities);
            w.Write(prediction.Values);
        }
    }

    /// <summary>Restores into <paramref name="into"/>, which must have been built with the same parameters and input size.</summary>
    public static void Read(SnapshotReader r, Predictor into)
    {
        r.Section(Tag);
        var p = into.Parameters;
        var steps = r.ReadIntArray();
        double alpha = r.ReadDouble(), resolution = r.ReadDouble();
        int maxBuckets = r.ReadInt(), inputSize = r.ReadInt();
        if (!steps.AsSpan().SequenceEqual(into.Steps) || alpha != p.Alpha || resolution != p.Resolution
            || maxBuckets != p.MaxBuckets || inputSize != into.InputSize)
            throw new SnapshotFormatException("Predictor snapshot was taken with other parameters or input size.");

        long records = r.ReadLong();
        int head = r.ReadInt();
        if (records < 0 || head < 0 || head >= into.HistorySlots) throw new SnapshotFormatException("Predictor history position is corrupt.");
        into.Reset();
        for (int slot = 0; slot < into.HistorySlots; slot++)
        {
            var pattern = r.ReadIntArray();
            if (pattern.Length > into.InputSize) throw new SnapshotFormatException("Predictor history pattern is larger than the input.");
            into.SetHistorySlot(slot, pattern);
        }
        into.RecordCount = records;
        into.HistoryHead = head;

        int capacity = r.ReadInt();
        var keys = r.ReadLongArray();
        if (capacity < 0 || capacity > maxBuckets || keys.Length > capacity) throw new SnapshotFormatException("Predictor bucket capacity is corrupt.");
        var counts = r.ReadArray<long>(keys.Length);
        var means = r.ReadArray<double>(keys.Length);
        into.RestoreBuckets(capacity, keys, counts, means);
        for (int s = 0; s < into.Steps.Length; s++)
        {
            var weights = into.WeightsFor(s);
            r.ReadArray<float>(weights.Length).CopyTo(weights, 0);
        }

        foreach (var prediction in into.Predictions)
        {
            int best = r.ReadInt();
            double bestValue = r.ReadDouble(), bestProbability = r.ReadDouble();
            var probabilities = r.ReadDoubleArray();
            var values = r.ReadArray<double>(probabilities.Length);
            prediction.EnsureCapacity(probabilities.Length);
            probabilities.CopyTo(prediction.ProbabilityBuffer);
            values.CopyTo(prediction.ValueBuffer);
            prediction.BucketCount = probabilities.Length;
            prediction.BestBucket = best;
            prediction.BestValue = bestValue;
            prediction.BestProbability = bestProbability;
        }
    }
}
