using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;

namespace HtmCloud.Htm.Tests.Models;

/// <summary>Small models that learn fast enough for unit tests.</summary>
internal static class ModelFixtures
{
    public static HtmModelParameters ScalarModel(ulong seed = 1) => new()
    {
        Fields =
        [
            new FieldEncoderSpec { Name = "value", Rdse = RandomDistributedScalarEncoderParameters.Default with { Size = 400, ActiveBits = 21, Resolution = 1, Seed = seed } },
            new FieldEncoderSpec { Name = "time", DateTime = DateTimeEncoderParameters.Default with { TimeOfDayWidth = 21, TimeOfDayRadius = 4 } },
        ],
        SpatialPooler = SpatialPoolerParameters.Default with { ColumnDimensions = [512], NumActiveColumnsPerInhArea = 20, PotentialPct = 0.8, Seed = seed },
        TemporalMemory = TemporalMemoryParameters.Default with { CellsPerColumn = 8, ActivationThreshold = 8, MinThreshold = 6, MaxNewSynapseCount = 12, Seed = seed },
        Likelihood = AnomalyLikelihoodParameters.Default with { LearningPeriod = 50, EstimationSamples = 20, ReestimationPeriod = 20 },
        Predictor = PredictorParameters.Default with { Steps = [1, 3], Alpha = 0.1, Resolution = 1 },
    };

    /// <summary>A periodic signal with a little seeded noise, one record per 5 minutes.</summary>
    public static FieldValue[] Record(int step, ulong seed = 3)
    {
        var noise = new HtmCloud.Htm.Utils.Rng(seed + (ulong)step).NextDouble();
        double value = 10 + 5 * Math.Sin(step * 2 * Math.PI / 24) + noise;
        return [value, new DateTime(2024, 1, 1).AddMinutes(5 * step)];
    }
}
