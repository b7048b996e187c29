using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// Spatial pooler parameters. Defaults are the anchor workload's (1000-bit input, 2048 columns, 40 active,
/// global inhibition) so that <c>Default with { InputDimensions = [n] }</c> is a working scalar-metric pooler.
/// </summary>
public sealed record SpatialPoolerParameters
{
    public static SpatialPoolerParameters Default { get; } = new();

    /// <summary>Input shape (1-D or 2-D). Default [1000].</summary>
    public int[] InputDimensions { get; init; } = [1000];

    /// <summary>Column shape, same rank as the input. Default [2048].</summary>
    public int[] ColumnDimensions { get; init; } = [2048];

    /// <summary>Potential pool radius in input bits around a column's centre; null = the whole input. Default null.</summary>
    public int? PotentialRadius { get; init; }

    /// <summary>Fraction of the inputs within the radius that are in a column's potential pool. Default 0.5.</summary>
    public double PotentialPct { get; init; } = 0.5;

    /// <summary>Fraction of potential synapses that start connected. Default 0.5.</summary>
    public double InitialConnectedPct { get; init; } = 0.5;

    /// <summary>
    /// Initially connected permanences are uniform in [synPermConnected, this]; null = synPermConnected + 0.1.
    /// A wide range (up to 1) makes the initial receptive fields stable under slow learning rates.
    /// </summary>
    public float? InitialConnectedMaximum { get; init; }

    /// <summary>Pick winners over all columns (true) or within each column's inhibition neighbourhood. Default true.</summary>
    public bool GlobalInhibition { get; init; } = true;

    /// <summary>Winners per inhibition area (global: in total). Ignored when <see cref="LocalAreaDensity"/> is set. Default 40.</summary>
    public int NumActiveColumnsPerInhArea { get; init; } = 40;

    /// <summary>Fraction of columns active per inhibition area; null = use <see cref="NumActiveColumnsPerInhArea"/>. Default null.</summary>
    public double? LocalAreaDensity { get; init; }

    /// <summary>Minimum overlap (connected synapses on active inputs) for a column to become active. Default 0.</summary>
    public int StimulusThreshold { get; init; }

    public float SynPermInactiveDec { get; init; } = 0.008f;
    public float SynPermActiveInc { get; init; } = 0.05f;
    public float SynPermConnected { get; init; } = 0.1f;

    /// <summary>Columns whose overlap duty cycle falls below this fraction of the largest one get all permanences bumped. Default 0.001.</summary>
    public double MinPctOverlapDutyCycles { get; init; } = 0.001;

    public int DutyCyclePeriod { get; init; } = 1000;

    /// <summary>Boost = exp(-(activeDutyCycle - targetDensity) * BoostStrength); 0 turns boosting off. Default 0.</summary>
    public double BoostStrength { get; init; }

    /// <summary>Topology wraps around at the edges (potential pools and local inhibition). Default true.</summary>
    public bool WrapAround { get; init; } = true;

    /// <summary>Seed of the pooler's generator (potential pools, initial permanences, tie-breaks). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    internal int NumInputs => Product(InputDimensions);
    internal int NumColumns => Product(ColumnDimensions);

    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.Require(InputDimensions is { Length: 1 or 2 } && InputDimensions.All(d => d > 0), "inputDimensions", "must be 1 or 2 positive sizes")
         .Require(ColumnDimensions is { Length: 1 or 2 } && ColumnDimensions.All(d => d > 0), "columnDimensions", "must be 1 or 2 positive sizes")
         .Require(InputDimensions?.Length == ColumnDimensions?.Length, "columnDimensions", "must have as many dimensions as inputDimensions")
         .Require(PotentialRadius is null or >= 0, "potentialRadius", "must be >= 0 or absent")
         .Require(PotentialPct > 0 && PotentialPct <= 1, "potentialPct", "must be in (0, 1]")
         .InRange(InitialConnectedPct, 0, 1, "initialConnectedPct")
         .Require(InitialConnectedMaximum is null || (InitialConnectedMaximum >= SynPermConnected && InitialConnectedMaximum <= 1), "initialConnectedMaximum", "must be between synPermConnected and 1, or absent")
         .Require(LocalAreaDensity is null or (> 0 and <= 0.5), "localAreaDensity", "must be in (0, 0.5] or absent")
         .Require(LocalAreaDensity is not null || NumActiveColumnsPerInhArea > 0, "numActiveColumnsPerInhArea", "must be positive")
         .InRange(StimulusThreshold, 0, 100_000, "stimulusThreshold")
         .InRange(SynPermInactiveDec, 0, 1, "synPermInactiveDec")
         .InRange(SynPermActiveInc, 0, 1, "synPermActiveInc")
         .Require(SynPermConnected > 0 && SynPermConnected < 1, "synPermConnected", "must be in (0, 1)")
         .InRange(MinPctOverlapDutyCycles, 0, 1, "minPctOverlapDutyCycles")
         .InRange(DutyCyclePeriod, 1, 1_000_000, "dutyCyclePeriod")
         .InRange(BoostStrength, 0, 100, "boostStrength");
        if (ColumnDimensions is { Length: > 0 } && ColumnDimensions.All(d => d > 0) && LocalAreaDensity is null && GlobalInhibition)
            c.Require(NumActiveColumnsPerInhArea <= NumColumns, "numActiveColumnsPerInhArea", "must not exceed the number of columns");
        if (InputDimensions is { Length: > 0 } && InputDimensions.All(d => d > 0) && ColumnDimensions is { Length: > 0 } && ColumnDimensions.All(d => d > 0))
            c.Require((long)NumInputs * NumColumns <= 2_000_000_000L, "columnDimensions", "input size times column count is too large");
        return c.Errors;
    }

    private static int Product(int[] dims)
    {
        int p = 1;
        foreach (int d in dims) p *= d;
        return p;
    }
}
