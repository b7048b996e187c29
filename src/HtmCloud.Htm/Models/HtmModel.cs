using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Models;

/// <summary>
/// One pool run in-process: encoders → spatial pooler → temporal memory → raw anomaly → likelihood →
/// predictor. Deterministic for its parameters (seeds included); nothing is allocated per record once
/// the predictor has seen its buckets.
/// </summary>
public sealed class HtmModel
{
    private readonly MultiEncoder? _encoder;
    private readonly int _metricIndex;
    private readonly FieldValue[] _noRecord = [];

    public HtmModel(HtmModelParameters parameters)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "model parameters");
        Parameters = parameters;
        if (parameters.Fields.Count > 0)
        {
            _encoder = new MultiEncoder(parameters.Fields.Select(f => f.Build()));
        }
        _metricIndex = MetricIndexOf(parameters, _encoder);
        int inputSize = _encoder?.Size ?? parameters.InputSize; // = parameters.ResolvedInputSize, without building the encoder twice
        SpatialPooler = new SpatialPooler(parameters.SpatialPooler with { InputDimensions = [inputSize] });
        TemporalMemory = new TemporalMemory(parameters.TemporalMemory with { ColumnCount = SpatialPooler.NumColumns });
        if (parameters.Likelihood is not null) Likelihood = new AnomalyLikelihood(parameters.Likelihood);
        if (parameters.Predictor is not null) Predictor = new Predictor(parameters.Predictor, TemporalMemory.CellCount);
        if (parameters.SpatialTolerance is double tolerance) Spatial = new SpatialAnomaly(tolerance);
        Result = new PoolResult(new Sdr(inputSize), new Sdr(SpatialPooler.NumColumns), TemporalMemory,
            Predictor?.Predictions ?? []);
    }

    public HtmModelParameters Parameters { get; }
    public SpatialPooler SpatialPooler { get; }
    public TemporalMemory TemporalMemory { get; }
    public AnomalyLikelihood? Likelihood { get; }
    public Predictor? Predictor { get; }
    public SpatialAnomaly? Spatial { get; }

    /// <summary>The encoder of the record fields, or null when the pool is fed SDRs.</summary>
    public MultiEncoder? Encoder => _encoder;

    /// <summary>The last step's result (reused every step).</summary>
    public PoolResult Result { get; }

    /// <summary>Size of the input SDR.</summary>
    public int InputSize => Result.Input.Size;

    /// <summary>Encodes a record (values in the order of <see cref="HtmModelParameters.Fields"/>) and runs one step.</summary>
    public PoolResult Compute(ReadOnlySpan<FieldValue> record, bool learn = true)
    {
        if (_encoder is null) throw new InvalidOperationException("This pool is fed SDRs; call Compute(Sdr, ...).");
        _encoder.Encode(record, Result.Input);
        return Step(Result.Input, MetricOf(record), learn, default, default);
    }

    /// <summary>
    /// Runs one step on an input SDR, with an optional metric value (for the likelihood and predictor) and
    /// optional external distal input (other pools' cells, indices below the memory's ExternalInputSize).
    /// </summary>
    public PoolResult Compute(Sdr input, double metricValue, bool learn, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        if (!ReferenceEquals(input, Result.Input)) Result.Input.CopyFrom(input);
        return Step(Result.Input, metricValue, learn, externalActive, externalWinners);
    }

    /// <summary>Encodes a record and runs one step with external distal input.</summary>
    public PoolResult Compute(ReadOnlySpan<FieldValue> record, bool learn, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        if (_encoder is null) throw new InvalidOperationException("This pool is fed SDRs; call Compute(Sdr, ...).");
        _encoder.Encode(record, Result.Input);
        return Step(Result.Input, MetricOf(record), learn, externalActive, externalWinners);
    }

    /// <summary>Value of the metric field in a record, NaN when absent.</summary>
    public double MetricOf(ReadOnlySpan<FieldValue> record) => MetricOf(record, _metricIndex);

    internal static double MetricOf(ReadOnlySpan<FieldValue> record, int metricIndex) =>
        metricIndex >= 0 && metricIndex < record.Length && record[metricIndex].Kind == FieldValueKind.Number
            ? record[metricIndex].Number
            : double.NaN;

    // The metric field (named, else the first numeric one) as an index into the encoded fields, or −1.
    internal static int MetricIndexOf(HtmModelParameters parameters, MultiEncoder? encoder)
    {
        string? metric = parameters.MetricField ?? parameters.Fields.FirstOrDefault(f => f.IsNumeric)?.Name;
        return encoder is not null && metric is not null ? encoder.IndexOf(metric) : -1;
    }

    /// <summary>Writes the whole learned state (not the parameters) as a versioned snapshot.</summary>
    public void Save(Stream stream)
    {
        var writer = new SnapshotWriter(stream);
        HtmModelCodec.Write(writer, this);
        writer.Complete();
    }

    /// <summary>Restores state saved by <see cref="Save"/> from a model with the same parameters.</summary>
    /// <exception cref="SnapshotFormatException">Truncated, corrupt, newer or for other parameters.</exception>
    public void Load(Stream stream)
    {
        var reader = new SnapshotReader(stream);
        HtmModelCodec.Read(reader, this);
        reader.End();
    }

    internal long StepCount { get => Result.Step; set => Result.Step = value; }

    internal double LastLikelihood { set => Result.SetLikelihood(value); }

    private PoolResult Step(Sdr input, double metric, bool learn, ReadOnlySpan<int> externalActive, ReadOnlySpan<int> externalWinners)
    {
        SpatialPooler.Compute(input, learn, Result.ActiveColumns);
        TemporalMemory.Compute(Result.ActiveColumns.Sparse, learn, externalActive, externalWinners);
        Result.Finish(metric, learn, Likelihood, Predictor, Spatial);
        return Result;
    }
}
