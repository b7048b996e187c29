using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;

namespace HtmCloud.Htm.Models;

/// <summary>
/// A <see cref="ScalarAnomalyTemplate"/> model plus the spatial out-of-range rule, giving one anomaly score
/// per record in [0, 1]: the log likelihood, or 1 when the value leaves the range seen so far by more
/// than 5 %.
/// </summary>
public sealed class ScalarAnomalyDetector
{
    private readonly FieldValue[] _record = new FieldValue[2];

    public ScalarAnomalyDetector(HtmModelParameters parameters, bool spatialRule = true)
    {
        Model = new HtmModel(parameters);
        Spatial = spatialRule ? new SpatialAnomaly() : null;
    }

    public HtmModel Model { get; }
    public SpatialAnomaly? Spatial { get; }

    /// <summary>Processes one record and returns its anomaly score.</summary>
    public double Compute(double value, DateTime timestamp, bool learn = true)
    {
        _record[0] = value;
        _record[1] = timestamp;
        var result = Model.Compute(_record, learn);
        bool outOfRange = Spatial?.Compute(value) ?? false;
        return outOfRange ? 1.0 : result.LogLikelihood;
    }
}
