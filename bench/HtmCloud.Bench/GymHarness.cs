using System.Diagnostics;
using HtmCloud.Bench.Nab;
using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;

namespace HtmCloud.Bench;

/// <summary>
/// Full pipeline with the classic "hot gym" parameters (RDSE 700 bits at 2 %, time of day 30 bits + weekend
/// 21 bits, SP 1638 columns at 4.4 % with boost 3, TM 13 cells, predictor 1 and 5 steps, likelihood) on a
/// NAB file, timed per record from encoding to prediction.
/// </summary>
internal static class GymHarness
{
    public static HtmModelParameters Parameters(double resolution) => new()
    {
        Fields =
        [
            new FieldEncoderSpec { Name = "value", Rdse = RandomDistributedScalarEncoderParameters.Default with { Size = 700, ActiveBits = 0, Sparsity = 0.02, Resolution = resolution, Seed = 1 } },
            new FieldEncoderSpec { Name = "timestamp", DateTime = DateTimeEncoderParameters.Default with { TimeOfDayWidth = 30, TimeOfDayRadius = 1, WeekendWidth = 21 } },
        ],
        SpatialPooler = SpatialPoolerParameters.Default with
        {
            ColumnDimensions = [1638], PotentialPct = 0.85, GlobalInhibition = true, LocalAreaDensity = 0.04395,
            SynPermActiveInc = 0.04f, SynPermInactiveDec = 0.006f, SynPermConnected = 0.14f, BoostStrength = 3,
            StimulusThreshold = 0, MinPctOverlapDutyCycles = 0.001, DutyCyclePeriod = 1000, Seed = 1,
        },
        TemporalMemory = TemporalMemoryParameters.Default with
        {
            CellsPerColumn = 13, ActivationThreshold = 17, MinThreshold = 10, MaxNewSynapseCount = 32,
            InitialPermanence = 0.21f, ConnectedPermanence = 0.5f, PermanenceIncrement = 0.1f, PermanenceDecrement = 0.1f,
            MaxSegmentsPerCell = 128, MaxSynapsesPerSegment = 64, Seed = 1,
        },
        Likelihood = AnomalyLikelihoodParameters.Default,
        Predictor = PredictorParameters.Default with { Steps = [1, 5], Alpha = 0.1, Resolution = resolution },
    };

    public static int Run(string[] args)
    {
        var series = NabCorpus.LoadDefault()[args.FirstOrDefault() ?? "realKnownCause/nyc_taxi.csv"];
        double min = series.Values.Min(), max = series.Values.Max();
        double resolution = Math.Max(0.001, (max - min) / 130);
        var model = new HtmModel(Parameters(resolution));
        var times = new StepTimings(series.RowCount);
        var record = new FieldValue[2];
        double errorSum = 0;
        int errorCount = 0;
        double previousPrediction = double.NaN;
        for (int i = 0; i < series.RowCount; i++)
        {
            record[0] = series.Values[i];
            record[1] = series.Timestamps[i];
            long t0 = Stopwatch.GetTimestamp();
            var result = model.Compute(record);
            times.Add(t0, Stopwatch.GetTimestamp());
            if (!double.IsNaN(previousPrediction) && i > series.RowCount / 2)
            {
                errorSum += Math.Abs(previousPrediction - series.Values[i]);
                errorCount++;
            }
            previousPrediction = result.Predictions[0].BestValue;
        }
        Console.WriteLine($"gym pipeline on {series.Name} ({series.RowCount} records): input {model.InputSize} bits, {model.SpatialPooler.NumColumns} columns, {model.TemporalMemory.CellCount} cells");
        Console.WriteLine($"  per record {times.Summary}");
        Console.WriteLine($"  1-step prediction mean absolute error over the second half {errorSum / errorCount:F1} (values {min}..{max})");
        Console.WriteLine($"  segments {model.TemporalMemory.SegmentCount}, synapses {model.TemporalMemory.SynapseCount}, peak RSS {ProcessMemory.PeakRssMb:F0} MB");
        Console.WriteLine($"gym total_ms={times.Median:F4} mean_ms={times.Mean:F4}");
        return 0;
    }
}
