using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Bench.Mnist;

/// <summary>The check's fixed choices: split, seeds, epochs, classifier rate and spatial pooler parameters.</summary>
internal static class MnistSetup
{
    public const int TrainCount = 8000, TestCount = 2000;

    /// <summary>Seeds of the engine's Rng: train/test split, classifier epoch order, SP learning order.</summary>
    public const ulong SplitSeed = 42, ClassifierOrderSeed = 7, SpOrderSeed = 11;

    // One SP pass already plateaus (a second adds ~0.002); the classifier settles after 3–5 passes.
    public const int SpEpochs = 1, ClassifierEpochs = 5;

    /// <summary>Predictor learning rate; 0.005–0.02 all score within half a point.</summary>
    public const double Alpha = 0.01;

    // 10,000 columns at 2 % over the whole image with strong boosting; potential radius 5–10 scored 1–2 points lower.
    public static SpatialPoolerParameters SpatialPooler => SpatialPoolerParameters.Default with
    {
        InputDimensions = [MnistDigits.Side, MnistDigits.Side], ColumnDimensions = [100, 100], PotentialRadius = null,
        PotentialPct = 0.5, InitialConnectedPct = 0.5, GlobalInhibition = true, LocalAreaDensity = 0.02,
        StimulusThreshold = 0, SynPermInactiveDec = 0.008f, SynPermActiveInc = 0.05f, SynPermConnected = 0.1f,
        MinPctOverlapDutyCycles = 0.001, DutyCyclePeriod = 1000, BoostStrength = 10, WrapAround = false, Seed = 1,
    };
}
