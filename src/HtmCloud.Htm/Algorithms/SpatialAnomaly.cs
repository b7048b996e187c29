namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// The "spatial" rule of the NAB-winning detector: a value further than <see cref="Tolerance"/> of the
/// range seen so far beyond the running minimum or maximum is anomalous whatever the temporal memory says.
/// </summary>
public sealed class SpatialAnomaly(double tolerance = 0.05)
{
    public double Tolerance { get; } = tolerance;
    public double Minimum { get; internal set; } = double.NaN;
    public double Maximum { get; internal set; } = double.NaN;

    /// <summary>Checks <paramref name="value"/> against the range seen before it, then widens the range.</summary>
    public bool Compute(double value)
    {
        if (!double.IsFinite(value)) return false;
        bool anomalous = false;
        if (!double.IsNaN(Minimum) && Maximum > Minimum)
        {
            double margin = (Maximum - Minimum) * Tolerance;
            anomalous = value > Maximum + margin || value < Minimum - margin;
        }
        if (double.IsNaN(Maximum) || value > Maximum) Maximum = value;
        if (double.IsNaN(Minimum) || value < Minimum) Minimum = value;
        return anomalous;
    }
}
