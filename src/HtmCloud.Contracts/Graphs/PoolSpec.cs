using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Models;

namespace HtmCloud.Contracts.Graphs;

/// <summary>
/// One pool of a graph. Either <see cref="Encoders"/> (record fields through encoders) or
/// <see cref="Input"/> (another pool's output). Parameter sections are the engine's records; what is left out
/// keeps the engine's documented default, and a section set to null (likelihood, predictor) turns it off.
/// </summary>
public sealed record PoolSpec
{
    public string Name { get; init; } = "";

    /// <summary>Record fields this pool encodes, each with one encoder, concatenated in order.</summary>
    public IReadOnlyList<FieldEncoderSpec> Encoders { get; init; } = [];

    public PoolInput? Input { get; init; }

    /// <summary>Pools sharing a group receive each other's previous winner cells as extra distal input.</summary>
    public string? Group { get; init; }

    /// <summary>
    /// Spread the pool's columns over this many column shards (grains, possibly on several nodes) by column range;
    /// null = one pool grain holds everything. Results are the same bits either way. Needs global inhibition.
    /// </summary>
    public int? Shards { get; init; }

    public SpatialPoolerParameters SpatialPooler { get; init; } = SpatialPoolerParameters.Default;
    public TemporalMemoryParameters TemporalMemory { get; init; } = TemporalMemoryParameters.Default;
    public AnomalyLikelihoodParameters? Likelihood { get; init; } = AnomalyLikelihoodParameters.Default;
    public PredictorParameters? Predictor { get; init; }

    /// <summary>Numeric field the likelihood, predictor and spatial rule watch; null = the first numeric one.</summary>
    public string? MetricField { get; init; }

    /// <summary>Spatial out-of-range rule tolerance (0.05 = 5 % of the range seen); null = off.</summary>
    public double? SpatialTolerance { get; init; }
}
