using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Htm.Snapshots;

/// <summary>Saves and restores the full state of an <see cref="AnomalyLikelihood"/>.</summary>
internal static class AnomalyLikelihoodCodec
{
    private const string Tag = "anomalyLikelihood";

    public static void Write(SnapshotWriter w, AnomalyLikelihood x)
    {
        w.Section(Tag);
        WriteParameters(w, x.Parameters);
        w.Write(x.RecordCount);
        w.Write(x.Mean);
        w.Write(x.StandardDeviation);
        w.Write(x.LastMovingAverage);
        w.Write(x.PreviousTail);
        w.Write(x.RawRing);
        w.Write(x.AverageRing);
        w.Write(x.MetricRing);
    }

    /// <summary>Restores into <paramref name="into"/>, which must have been built with the same parameters.</summary>
    public static void Read(SnapshotReader r, AnomalyLikelihood into)
    {
        r.Section(Tag);
        CheckParameters(r, into.Parameters);
        long records = r.ReadLong();
        if (records < 0) throw new SnapshotFormatException("Anomaly likelihood record count is negative.");
        into.RecordCount = records;
        into.Mean = r.ReadDouble();
        into.StandardDeviation = r.ReadDouble();
        into.LastMovingAverage = r.ReadDouble();
        into.PreviousTail = r.ReadDouble();
        r.ReadArray<double>(into.RawRing.Length).CopyTo(into.RawRing, 0);
        r.ReadArray<double>(into.AverageRing.Length).CopyTo(into.AverageRing, 0);
        r.ReadArray<double>(into.MetricRing.Length).CopyTo(into.MetricRing, 0);
    }

    private static void WriteParameters(SnapshotWriter w, AnomalyLikelihoodParameters p)
    {
        w.Write(p.LearningPeriod);
        w.Write(p.EstimationSamples);
        w.Write(p.HistoricWindowSize);
        w.Write(p.ReestimationPeriod);
        w.Write(p.AveragingWindow);
        w.Write(p.MinimumMean);
        w.Write(p.MinimumVariance);
        w.Write(p.RedThreshold);
        w.Write(p.YellowThreshold);
        w.Write(p.FlatMetricVariance);
    }

    // Restoring state fitted under other parameters would silently change behaviour, so it is refused.
    private static void CheckParameters(SnapshotReader r, AnomalyLikelihoodParameters p)
    {
        var saved = new AnomalyLikelihoodParameters
        {
            LearningPeriod = r.ReadInt(),
            EstimationSamples = r.ReadInt(),
            HistoricWindowSize = r.ReadInt(),
            ReestimationPeriod = r.ReadInt(),
            AveragingWindow = r.ReadInt(),
            MinimumMean = r.ReadDouble(),
            MinimumVariance = r.ReadDouble(),
            RedThreshold = r.ReadDouble(),
            YellowThreshold = r.ReadDouble(),
            FlatMetricVariance = r.ReadDouble(),
        };
        if (saved != p) throw new SnapshotFormatException($"Anomaly likelihood snapshot was taken with other parameters ({saved}).");
    }
}
