using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Models;

/// <summary>
/// One pool: record fields through their encoders (or an input SDR of <see cref="InputSize"/> bits), spatial
/// pooler, temporal memory, raw anomaly, optional anomaly likelihood and optional predictor. The pooler's input
/// dimensions and the memory's column count are derived from the encoders and the pooler, so only the
/// learning parameters need setting.
/// </summary>
public sealed record HtmModelParameters
{
    public static HtmModelParameters Default { get; } = new();

    /// <summary>Encoded record fields, concatenated in this order. Empty when the pool reads another pool's output.</summary>
    public IReadOnlyList<FieldEncoderSpec> Fields { get; init; } = [];

    /// <summary>Input size when <see cref="Fields"/> is empty (the pool is fed an SDR). Default 0.</summary>
    public int InputSize { get; init; }

    public SpatialPoolerParameters SpatialPooler { get; init; } = SpatialPoolerParameters.Default;
    public TemporalMemoryParameters TemporalMemory { get; init; } = TemporalMemoryParameters.Default;

    /// <summary>Anomaly likelihood; null turns it off. Default on with its defaults.</summary>
    public AnomalyLikelihoodParameters? Likelihood { get; init; } = AnomalyLikelihoodParameters.Default;

    /// <summary>Predictor over the active cells; null turns it off. Default off.</summary>
    public PredictorParameters? Predictor { get; init; }

    /// <summary>Numeric field the predictor predicts and the likelihood watches; null = the first numeric field.</summary>
    public string? MetricField { get; init; }

    /// <summary>
    /// Spatial rule: a metric value beyond the range seen so far by more than this fraction of it scores 1.
    /// Null turns the rule off. Default off (the scalar-anomaly template uses 0.05).
    /// </summary>
    public double? SpatialTolerance { get; init; }

    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        var names = new HashSet<string>();
        for (int i = 0; i < Fields.Count; i++)
        {
            c.Nested($"fields[{i}]", Fields[i].Validate());
            c.Require(names.Add(Fields[i].Name), $"fields[{i}].name", "must be unique");
        }
        c.Require(Fields.Count > 0 || InputSize > 0, "fields", "must name at least one field, or inputSize must be positive");
        c.Require(Fields.Count == 0 || InputSize == 0, "inputSize", "must be 0 when fields are given");
        c.Require(MetricField is null || Fields.Any(f => f.Name == MetricField && f.IsNumeric), "metricField", "must name a numeric field");
        c.Require(Predictor is null || Fields.Any(f => f.IsNumeric), "predictor", "needs a numeric field to predict");
        c.Require(SpatialTolerance is null || Fields.Any(f => f.IsNumeric), "spatialTolerance", "needs a numeric field to watch");
        c.Require(SpatialTolerance is null or (>= 0 and <= 10), "spatialTolerance", "must be 0..10 or absent");
        c.Nested("spatialPooler", (SpatialPooler with { InputDimensions = [Math.Max(1, InputSize)] }).Validate()
            .Where(e => e.Field != "inputDimensions"));
        c.Nested("temporalMemory", (TemporalMemory with { ColumnCount = Math.Max(1, ColumnCountOf(SpatialPooler)) }).Validate()
            .Where(e => e.Field != "columnCount"));
        if (Likelihood is not null) c.Nested("likelihood", Likelihood.Validate());
        if (Predictor is not null) c.Nested("predictor", Predictor.Validate());
        return c.Errors;
    }

    /// <summary>Bits of the pool's input: the encoders' total size, or <see cref="InputSize"/> when the pool is fed an SDR.</summary>
    public int ResolvedInputSize() => Fields.Count > 0 ? new Encoders.MultiEncoder(Fields.Select(f => f.Build())).Size : InputSize;

    /// <summary>Number of columns a pooler with these parameters has (0 when its dimensions are invalid).</summary>
    public static int ColumnCountOf(SpatialPoolerParameters sp) =>
        sp.ColumnDimensions is { Length: > 0 } dims && dims.All(d => d > 0) ? dims.Aggregate(1, (a, b) => a * b) : 0;
}
