using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;

namespace HtmCloud.Htm.Models;

/// <summary>
/// The <c>scalar-anomaly</c> model: one numeric value plus its timestamp → RDSE + time of day → SP → TM →
/// raw anomaly → anomaly likelihood, with the 4 % spatial rule. The NAB harness scores exactly this configuration and the API's
/// template of the same name builds it; docs/htm.md gives the reason for each number.
/// </summary>
public static class ScalarAnomalyTemplate
{
    /// <summary>Field names of the template's records.</summary>
    public const string ValueField = "value", TimestampField = "timestamp";

    /// <summary>
    /// Parameters for a metric expected between <paramref name="minimum"/> and <paramref name="maximum"/>
    /// (the encoder resolves 1/130 of that range), whose first
    /// <paramref name="probationaryRecords"/> records are a learning period for the likelihood.
    /// </summary>
    public static HtmModelParameters Parameters(double minimum, double maximum, int probationaryRecords = 750, ulong seed = 1)
    {
        double range = maximum - minimum;
        // NuPIC padded the range by 20 % each side before dividing by 130; without the padding the encoder sees
        // 1.4 times finer changes, which scored about 1–2 NAB points more (docs/benchmarks.md).
        double resolution = Math.Max(0.001, range / 130);
        // The first fit uses only the last 30 % of the probationary records: the earlier ones describe a model still learning.
        int learning = Math.Max(1, probationaryRecords * 7 / 10), estimation = Math.Max(1, probationaryRecords - learning);
        return new HtmModelParameters
        {
            Fields =
            [
                new FieldEncoderSpec { Name = ValueField, Rdse = RandomDistributedScalarEncoderParameters.Default with { Size = 400, ActiveBits = 21, Resolution = resolution, Seed = seed } },
                new FieldEncoderSpec { Name = TimestampField, DateTime = DateTimeEncoderParameters.Default with { TimeOfDayWidth = 21, TimeOfDayRadius = 9.49 } },
            ],
            SpatialPooler = SpatialPoolerParameters.Default with
            {
                ColumnDimensions = [2048], PotentialPct = 0.8, GlobalInhibition = true, NumActiveColumnsPerInhArea = 40,
                SynPermConnected = 0.2f, SynPermActiveInc = 0.003f, SynPermInactiveDec = 0.0005f, BoostStrength = 0,
                StimulusThreshold = 0, Seed = seed,
            },
            TemporalMemory = TemporalMemoryParameters.Default with
            {
                // NuPIC used 13 / 10; on a BAMI memory 8 / 8 scored about 3 NAB points more (docs/benchmarks.md).
                CellsPerColumn = 32, ActivationThreshold = 8, MinThreshold = 8, MaxNewSynapseCount = 20,
                InitialPermanence = 0.21f, ConnectedPermanence = 0.5f, PermanenceIncrement = 0.1f, PermanenceDecrement = 0.1f,
                MaxSegmentsPerCell = 128, MaxSynapsesPerSegment = 32, Seed = seed,
            },
            Likelihood = AnomalyLikelihoodParameters.Default with
            {
                // A 4,000-record history (two weeks of 5-minute data) follows a drifting raw-anomaly baseline faster than 8,640.
                LearningPeriod = learning, EstimationSamples = estimation, ReestimationPeriod = 100,
                HistoricWindowSize = Math.Max(4000, estimation),
            },
            MetricField = ValueField,
            SpatialTolerance = 0.04,
        };
    }
}
