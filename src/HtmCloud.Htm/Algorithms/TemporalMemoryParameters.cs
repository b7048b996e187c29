using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>Temporal memory parameters; defaults are the anchor workload's (2048 columns, 32 cells).</summary>
public sealed record TemporalMemoryParameters
{
    public static TemporalMemoryParameters Default { get; } = new();

    public int ColumnCount { get; init; } = 2048;
    public int CellsPerColumn { get; init; } = 32;

    /// <summary>Active connected synapses for a segment to be active (its cell predictive). Default 13.</summary>
    public int ActivationThreshold { get; init; } = 13;

    /// <summary>Active potential synapses for a segment to be matching (learnable). Default 10.</summary>
    public int MinThreshold { get; init; } = 10;

    public float InitialPermanence { get; init; } = 0.21f;
    public float ConnectedPermanence { get; init; } = 0.5f;
    public int MaxNewSynapseCount { get; init; } = 20;
    public float PermanenceIncrement { get; init; } = 0.1f;
    public float PermanenceDecrement { get; init; } = 0.1f;

    /// <summary>Punishment of matching segments in columns that did not become active. Default 0.</summary>
    public float PredictedSegmentDecrement { get; init; }

    public int MaxSegmentsPerCell { get; init; } = 255;
    public int MaxSynapsesPerSegment { get; init; } = 255;

    /// <summary>Extra presynaptic cells from outside (other pools of a group); indices follow this pool's cells. Default 0.</summary>
    public int ExternalInputSize { get; init; }

    /// <summary>Seed of the memory's generator (cell choice, synapse sampling). Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    internal int CellCount => ColumnCount * CellsPerColumn;

    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.InRange(ColumnCount, 1, 1 << 20, "columnCount")
         .InRange(CellsPerColumn, 1, 128, "cellsPerColumn")
         .InRange(ActivationThreshold, 1, 1000, "activationThreshold")
         .InRange(MinThreshold, 1, 1000, "minThreshold")
         .Require(MinThreshold <= ActivationThreshold, "minThreshold", "must not exceed activationThreshold")
         .InRange(InitialPermanence, 0, 1, "initialPermanence")
         .InRange(ConnectedPermanence, 0, 1, "connectedPermanence")
         .InRange(MaxNewSynapseCount, 1, 1000, "maxNewSynapseCount")
         .InRange(PermanenceIncrement, 0, 1, "permanenceIncrement")
         .InRange(PermanenceDecrement, 0, 1, "permanenceDecrement")
         .InRange(PredictedSegmentDecrement, 0, 1, "predictedSegmentDecrement")
         .InRange(MaxSegmentsPerCell, 1, 1024, "maxSegmentsPerCell")
         .InRange(MaxSynapsesPerSegment, 1, 1024, "maxSynapsesPerSegment")
         .InRange(ExternalInputSize, 0, 1 << 24, "externalInputSize")
         .Require((long)ColumnCount * CellsPerColumn <= 1 << 24, "cellsPerColumn", "columnCount times cellsPerColumn must not exceed 16,777,216");
        return c.Errors;
    }
}
