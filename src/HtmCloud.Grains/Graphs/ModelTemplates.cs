using HtmCloud.Contracts.Graphs;
using HtmCloud.Contracts.Models;
using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;

namespace HtmCloud.Grains.Graphs;

/// <summary>Named graphs a user can start from; each expands to a full <see cref="PoolGraphDocument"/>.</summary>
public static class ModelTemplates
{
    public const string ScalarAnomaly = "scalar-anomaly";
    public const string MultiFieldGroup = "multi-field-group";

    public static IReadOnlyList<string> Names { get; } = [ScalarAnomaly, MultiFieldGroup];

    /// <summary>The template's graph, or null for an unknown name.</summary>
    public static PoolGraphDocument? Expand(string name, TemplateOptions? options)
    {
        options ??= new TemplateOptions();
        return name switch
        {
            ScalarAnomaly => ScalarAnomalyGraph(options),
            MultiFieldGroup => MultiFieldGroupGraph(options),
            _ => null,
        };
    }

    // One numeric "value" plus "timestamp": the model the NAB harness scores (ScalarAnomalyTemplate).
    private static PoolGraphDocument ScalarAnomalyGraph(TemplateOptions o)
    {
        var model = ScalarAnomalyTemplate.Parameters(o.Minimum, o.Maximum, o.ProbationaryRecords, o.Seed);
        return new PoolGraphDocument
        {
            Fields = [new GraphField { Name = "timestamp", Type = GraphFieldType.DateTime }, new GraphField { Name = "value", Type = GraphFieldType.Number }],
            Pools = [FromModel("main", model)],
            TimestampField = "timestamp",
        };
    }

    // Two metrics of one host, each in its own pool, grouped so each learns from the other's winner cells.
    private static PoolGraphDocument MultiFieldGroupGraph(TemplateOptions o)
    {
        PoolSpec Pool(string name, ulong seed)
        {
            var model = ScalarAnomalyTemplate.Parameters(o.Minimum, o.Maximum, o.ProbationaryRecords, seed);
            var value = model.Fields[0] with { Name = name };
            return FromModel(name, model with
            {
                Fields = [value, model.Fields[1]],
                MetricField = name,
                SpatialPooler = model.SpatialPooler with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20 },
                TemporalMemory = model.TemporalMemory with { CellsPerColumn = 16, ActivationThreshold = 8, MinThreshold = 6, MaxNewSynapseCount = 16 },
            }) with { Group = "host" };
        }
        return new PoolGraphDocument
        {
            Fields =
            [
                new GraphField { Name = "timestamp", Type = GraphFieldType.DateTime },
                new GraphField { Name = "cpu", Type = GraphFieldType.Number },
                new GraphField { Name = "memory", Type = GraphFieldType.Number },
            ],
            Pools = [Pool("cpu", o.Seed), Pool("memory", o.Seed + 1)],
            TimestampField = "timestamp",
        };
    }

    private static PoolSpec FromModel(string name, HtmModelParameters model) => new()
    {
        Name = name,
        Encoders = model.Fields,
        SpatialPooler = model.SpatialPooler,
        TemporalMemory = model.TemporalMemory,
        Likelihood = model.Likelihood,
        Predictor = model.Predictor,
        MetricField = model.MetricField,
        SpatialTolerance = model.SpatialTolerance,
    };
}
