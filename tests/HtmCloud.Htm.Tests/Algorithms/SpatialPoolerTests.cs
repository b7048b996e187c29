using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Algorithms;

public class SpatialPoolerTests
{
    // The anchor pooler (1000 inputs, 2048 columns, 40 active, global inhibition).
    private static SpatialPoolerParameters Anchor => SpatialPoolerParameters.Default with
    {
        InputDimensions = [1000], ColumnDimensions = [2048], PotentialRadius = null, PotentialPct = 0.5,
        GlobalInhibition = true, NumActiveColumnsPerInhArea = 40, StimulusThreshold = 0,
        SynPermInactiveDec = 0.008f, SynPermActiveInc = 0.05f, SynPermConnected = 0.1f,
        MinPctOverlapDutyCycles = 0.001, DutyCyclePeriod = 1000, BoostStrength = 0, Seed = 1,
    };

    private static Sdr RandomSdr(int size, int active, Rng rng)
    {
        var all = new int[size];
        for (int i = 0; i < size; i++) all[i] = i;
        rng.SampleInPlace(all, active);
        return Sdr.FromSparse(size, all.AsSpan(0, active));
    }

    private static Sdr[] RandomSdrs(int count, int size, int active, ulong seed)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, count).Select(_ => RandomSdr(size, active, rng)).ToArray();
    }

    private static Sdr Run(SpatialPooler sp, Sdr input, bool learn)
    {
        var output = new Sdr(sp.NumColumns);
        sp.Compute(input, learn, output);
        return output;
    }

    private static void Train(SpatialPooler sp, Sdr[] inputs, int epochs)
    {
        var output = new Sdr(sp.NumColumns);
        for (int e = 0; e < epochs; e++)
            foreach (var input in inputs) sp.Compute(input, learn: true, output);
    }

    [Test]
    public void Compute_ActivatesExactlyNumActiveColumns_ForAnyInput()
    {
        // Global inhibition: empty, full and random inputs of many densities, learning on and off, always 40 winners.
        var sp = new SpatialPooler(Anchor);
        var rng = new Rng(11);
        var inputs = new List<Sdr> { new(1000), Sdr.FromSparse(1000, Enumerable.Range(0, 1000).ToArray()) };
        foreach (int active in new[] { 1, 5, 20, 100, 500, 999 }) inputs.Add(RandomSdr(1000, active, rng));
        var output = new Sdr(2048);
        for (int step = 0; step < 120; step++)
        {
            sp.Compute(inputs[step % inputs.Count], learn: step % 3 != 0, output);
            Assert.That(output.ActiveCount, Is.EqualTo(40), $"step {step}, input of {inputs[step % inputs.Count].ActiveCount} bits");
        }
    }

    [Test]
    public void Compute_ActivatesAskedFractionOfColumns_WhenLocalAreaDensityIsSetWithGlobalInhibition()
    {
        // Global inhibition with LocalAreaDensity 0.03 over 1024 columns gives round(0.03 * 1024) = 31 winners.
        var sp = new SpatialPooler(Anchor with { ColumnDimensions = [1024], LocalAreaDensity = 0.03 });
        var inputs = RandomSdrs(10, 1000, 30, seed: 12);
        var output = new Sdr(1024);
        for (int step = 0; step < 30; step++)
        {
            sp.Compute(inputs[step % inputs.Length], learn: true, output);
            Assert.That(output.ActiveCount, Is.EqualTo(31));
        }
    }

    [Test]
    public void Compute_GivesRoughlyTheAskedDensity_WithLocalInhibition()
    {
        // 2-D sheet of 32x32 columns, local inhibition asking for 4 % of each neighbourhood: overall density near 4 %.
        var p = Anchor with
        {
            InputDimensions = [32, 32], ColumnDimensions = [32, 32], PotentialRadius = 4, PotentialPct = 0.8,
            GlobalInhibition = false, LocalAreaDensity = 0.04, WrapAround = true, Seed = 3,
        };
        var sp = new SpatialPooler(p);
        var inputs = RandomSdrs(12, 1024, 100, seed: 13);
        var output = new Sdr(32, 32);
        double sum = 0;
        int measured = 0;
        for (int step = 0; step < 60; step++)
        {
            sp.Compute(inputs[step % inputs.Length], learn: true, output);
            Assert.That(output.ActiveCount, Is.GreaterThan(0), $"step {step}");
            if (step >= 20) { sum += output.Sparsity; measured++; }
        }
        double density = sum / measured;
        TestContext.Out.WriteLine($"local inhibition density {density:F4}, radius {sp.CurrentInhibitionRadius}");
        Assert.That(density, Is.InRange(0.02, 0.07));
    }

    [Test]
    public void Compute_MapsTheSameInputToTheSameColumns_AfterLearning()
    {
        // 20 random inputs learned for 30 epochs; inference is repeatable and a further epoch of learning barely moves it.
        var sp = new SpatialPooler(Anchor with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20 });
        var inputs = RandomSdrs(20, 1000, 20, seed: 21);
        Train(sp, inputs, epochs: 30);

        var before = inputs.Select(i => Run(sp, i, learn: false)).ToArray();
        for (int i = 0; i < inputs.Length; i++)
            Assert.That(Run(sp, inputs[i], learn: false), Is.EqualTo(before[i]), $"input {i} inferred twice");

        Train(sp, inputs, epochs: 5);
        double worst = 1;
        for (int i = 0; i < inputs.Length; i++)
            worst = Math.Min(worst, Run(sp, inputs[i], learn: false).GetOverlap(before[i]) / 20.0);
        TestContext.Out.WriteLine($"worst overlap after 5 more epochs {worst:F2}");
        Assert.That(worst, Is.GreaterThanOrEqualTo(0.9));

        // Different inputs keep different representations (so the stability above is not a constant output).
        double crossMax = 0;
        for (int i = 0; i < inputs.Length; i++)
            for (int j = i + 1; j < inputs.Length; j++) crossMax = Math.Max(crossMax, before[i].GetOverlap(before[j]) / 20.0);
        Assert.That(crossMax, Is.LessThan(0.5));
    }

    [Test]
    public void Compute_KeepsMostActiveColumns_WhenInputHasTenPercentNoise()
    {
        // Learned on 20 clean 50-of-1000 inputs; 10 % of each input's bits moved keeps >= 70 % of its active columns.
        var sp = new SpatialPooler(Anchor);
        var inputs = RandomSdrs(20, 1000, 50, seed: 31);
        Train(sp, inputs, epochs: 20);
        var rng = new Rng(32);
        double sum = 0, worst = 1;
        int trials = 0;
        foreach (var input in inputs)
        {
            var clean = Run(sp, input, learn: false);
            for (int v = 0; v < 5; v++)
            {
                var noisy = Sdr.FromSparse(1000, input.Sparse);
                noisy.AddNoise(0.1, rng);
                Assert.That(noisy.GetOverlap(input), Is.EqualTo(45));
                double kept = Run(sp, noisy, learn: false).GetOverlap(clean) / 40.0;
                sum += kept;
                worst = Math.Min(worst, kept);
                trials++;
            }
        }
        TestContext.Out.WriteLine($"noise: mean kept {sum / trials:F3}, worst {worst:F3}");
        Assert.That(sum / trials, Is.GreaterThanOrEqualTo(0.7));
        Assert.That(worst, Is.GreaterThanOrEqualTo(0.5));
    }

    [Test]
    public void Compute_RevivesStarvedColumns_WhenBoostingIsOn()
    {
        // Only 10 inputs: without boosting the columns that win the first pass keep winning; with boosting, columns
        // that lost the first pass get boost > 1 and win later.
        int EverActive(double boostStrength, out SpatialPooler pooler, out int revived)
        {
            var sp = new SpatialPooler(Anchor with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20, DutyCyclePeriod = 50, BoostStrength = boostStrength, Seed = 4 });
            var inputs = RandomSdrs(10, 1000, 20, seed: 41);
            var output = new Sdr(1024);
            var firstPass = new bool[1024];
            var later = new bool[1024];
            for (int step = 0; step < 400; step++)
            {
                sp.Compute(inputs[step % inputs.Length], learn: true, output);
                foreach (int c in output.Sparse) (step < inputs.Length ? firstPass : later)[c] = true;
            }
            pooler = sp;
            int count = 0;
            revived = 0;
            for (int c = 0; c < 1024; c++)
            {
                if (firstPass[c] || later[c]) count++;
                if (!firstPass[c] && later[c]) revived++;
            }
            return count;
        }

        int without = EverActive(0, out var plain, out int revivedWithout);
        int with = EverActive(10, out var boosted, out int revivedWith);
        TestContext.Out.WriteLine($"columns ever active: {without} without boosting, {with} with; revived {revivedWithout} without, {revivedWith} with");

        Assert.That(with, Is.GreaterThanOrEqualTo(2 * without));
        Assert.That(revivedWith, Is.GreaterThan(100));
        Assert.That(revivedWith, Is.GreaterThan(5 * revivedWithout));
        Assert.That(plain.BoostFactors.ToArray(), Is.All.EqualTo(1f), "no boosting without boost strength");
        // The least active column lately is boosted above 1, the busiest below 1.
        int mostActive = 0;
        for (int c = 0; c < 1024; c++) if (boosted.ActiveDutyCycles[c] > boosted.ActiveDutyCycles[mostActive]) mostActive = c;
        int idle = 0;
        for (int c = 0; c < 1024; c++) if (boosted.ActiveDutyCycles[c] < boosted.ActiveDutyCycles[idle]) idle = c;
        Assert.That(boosted.BoostFactors[idle], Is.GreaterThan(1f));
        Assert.That(boosted.BoostFactors[mostActive], Is.LessThan(1f));
    }

    [Test]
    public void Compute_GivesNeverActiveColumnsBoostAboveOne_WhenBoostingIsOn()
    {
        // Two inputs only: after 30 steps every column that never won has boost > 1; every column that won a lot < 1.
        var sp = new SpatialPooler(Anchor with { ColumnDimensions = [512], NumActiveColumnsPerInhArea = 10, DutyCyclePeriod = 20, BoostStrength = 5, Seed = 6 });
        var inputs = RandomSdrs(2, 1000, 20, seed: 61);
        var output = new Sdr(512);
        var ever = new bool[512];
        for (int step = 0; step < 30; step++)
        {
            sp.Compute(inputs[step % 2], learn: true, output);
            foreach (int c in output.Sparse) ever[c] = true;
        }
        for (int c = 0; c < 512; c++)
        {
            if (!ever[c]) Assert.That(sp.BoostFactors[c], Is.GreaterThan(1f), $"never-active column {c}");
            if (sp.ActiveDutyCycles[c] > 0.3f) Assert.That(sp.BoostFactors[c], Is.LessThan(1f), $"busy column {c}");
        }
        Assert.That(ever.Count(e => !e), Is.GreaterThan(0));
    }

    [Test]
    public void Compute_LeavesLearnedStateUnchanged_WhenLearningIsOff()
    {
        // After some learning, 100 inference steps leave permanences, duty cycles and boosts exactly as they were.
        var sp = new SpatialPooler(Anchor with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20, BoostStrength = 2, DutyCyclePeriod = 50 });
        var inputs = RandomSdrs(15, 1000, 20, seed: 51);
        Train(sp, inputs, epochs: 3);
        float[] perms = (float[])sp.Permanence.Clone(), overlapDc = (float[])sp.OverlapDutyCycle.Clone();
        float[] activeDc = (float[])sp.ActiveDutyCycle.Clone(), boost = (float[])sp.BoostFactor.Clone();
        int[] connected = Enumerable.Range(0, 1024).Select(sp.GetConnectedCount).ToArray();
        var rng = new Rng(52);
        var output = new Sdr(1024);
        for (int step = 0; step < 100; step++) sp.Compute(step % 2 == 0 ? inputs[step % 15] : RandomSdr(1000, 20, rng), learn: false, output);

        Assert.That(sp.Permanence, Is.EqualTo(perms));
        Assert.That(sp.OverlapDutyCycle, Is.EqualTo(overlapDc));
        Assert.That(sp.ActiveDutyCycle, Is.EqualTo(activeDc));
        Assert.That(sp.BoostFactor, Is.EqualTo(boost));
        Assert.That(Enumerable.Range(0, 1024).Select(sp.GetConnectedCount).ToArray(), Is.EqualTo(connected));

        // The same steps with learning on do change the permanences.
        sp.Compute(inputs[0], learn: true, output);
        Assert.That(sp.Permanence, Is.Not.EqualTo(perms));
    }

    [Test]
    public void Compute_MovesWinnerPermanencesTowardTheInput_WhenLearning()
    {
        // One learning step: each winner's synapses on active inputs gain SynPermActiveInc, the others lose SynPermInactiveDec.
        var p = Anchor with { ColumnDimensions = [512], NumActiveColumnsPerInhArea = 10, MinPctOverlapDutyCycles = 0 };
        var sp = new SpatialPooler(p);
        var input = RandomSdrs(1, 1000, 30, seed: 71)[0];
        var before = Enumerable.Range(0, 512).Select(c => sp.GetPermanences(c).ToArray()).ToArray();
        var winners = Run(sp, input, learn: true);
        for (int c = 0; c < 512; c++)
        {
            var inputs = sp.GetPotentialInputs(c);
            var after = sp.GetPermanences(c);
            for (int s = 0; s < inputs.Length; s++)
            {
                float expected = !winners[c] ? before[c][s]
                    : input[inputs[s]] ? Math.Min(1f, before[c][s] + p.SynPermActiveInc)
                    : Math.Max(0f, before[c][s] - p.SynPermInactiveDec);
                Assert.That(after[s], Is.EqualTo(expected).Within(1e-6f), $"column {c} (winner {winners[c]}), input {inputs[s]}");
            }
        }
    }

    [Test]
    public void Compute_NeverActivatesAColumnBelowTheStimulusThreshold()
    {
        // Stimulus threshold 6 with sparse inputs: every active column has overlap >= 6, learning on or off.
        var sp = new SpatialPooler(Anchor with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 40, StimulusThreshold = 6 });
        var rng = new Rng(81);
        var output = new Sdr(1024);
        int fewer = 0;
        for (int step = 0; step < 60; step++)
        {
            var input = RandomSdr(1000, 5 + step % 20, rng);
            sp.Compute(input, learn: step % 2 == 0, output);
            foreach (int c in output.Sparse) Assert.That(sp.Overlaps[c], Is.GreaterThanOrEqualTo(6), $"step {step}, column {c}");
            int eligible = 0;
            foreach (int o in sp.Overlaps) if (o >= 6) eligible++;
            Assert.That(output.ActiveCount, Is.EqualTo(Math.Min(40, eligible)), $"step {step}");
            if (output.ActiveCount < 40) fewer++;
        }
        Assert.That(fewer, Is.GreaterThan(0), "some inputs were too sparse to fill all 40 places");
    }

    [Test]
    public void Compute_ActivatesNothing_WhenNoColumnReachesTheStimulusThreshold()
    {
        // An empty input and a 1-bit input against a threshold of 2: no column may become active.
        var sp = new SpatialPooler(Anchor with { ColumnDimensions = [512], NumActiveColumnsPerInhArea = 10, StimulusThreshold = 2 });
        var output = new Sdr(512);
        sp.Compute(new Sdr(1000), learn: true, output);
        Assert.That(output.ActiveCount, Is.Zero);
        sp.Compute(Sdr.FromSparse(1000, [500]), learn: false, output);
        Assert.That(output.ActiveCount, Is.Zero);
    }

    [Test]
    public void Compute_BumpsPermanencesOfWeakColumns_WhenOverlapDutyCycleIsLow()
    {
        // Inputs only ever in bits 0..99; columns whose local pool lies in bits 100..199 never overlap and get bumped.
        SpatialPooler Make(double minPct) => new(SpatialPoolerParameters.Default with
        {
            InputDimensions = [200], ColumnDimensions = [100], PotentialRadius = 10, PotentialPct = 1, WrapAround = false,
            NumActiveColumnsPerInhArea = 5, StimulusThreshold = 1, MinPctOverlapDutyCycles = minPct, DutyCyclePeriod = 20, Seed = 9,
        });
        var weak = Make(0.1);
        var control = Make(0);
        const int starved = 80;
        Assert.That(weak.GetPotentialInputs(starved).ToArray(), Is.All.GreaterThanOrEqualTo(100));
        float[] before = weak.GetPermanences(starved).ToArray();
        int connectedBefore = weak.GetConnectedCount(starved);
        var rng = new Rng(91);
        var output = new Sdr(100);
        for (int step = 0; step < 20; step++)
        {
            var bits = Enumerable.Range(0, 10).Select(_ => rng.NextInt(100)).ToArray();
            weak.Compute(Sdr.FromSparse(200, bits), learn: true, output);
            Assert.That(output[starved], Is.False);
            control.Compute(Sdr.FromSparse(200, bits), learn: true, output);
        }
        Assert.That(weak.OverlapDutyCycles[starved], Is.Zero);
        float[] after = weak.GetPermanences(starved).ToArray();
        for (int s = 0; s < before.Length; s++)
            Assert.That(after[s], Is.EqualTo(Math.Min(1f, before[s] + 20 * 0.01f)).Within(1e-4f), $"synapse {s}");
        Assert.That(weak.GetConnectedCount(starved), Is.GreaterThan(connectedBefore));
        Assert.That(control.GetPermanences(starved).ToArray(), Is.EqualTo(before), "no bumping when minPctOverlapDutyCycles is 0");
    }

    [Test]
    public void Compute_OverlapEqualsConnectedSynapsesOnActiveInputs_AfterLearning()
    {
        // The incremental connection index stays exact: overlaps and connected counts match a recount from permanences.
        var p = Anchor with { ColumnDimensions = [512], NumActiveColumnsPerInhArea = 10, MinPctOverlapDutyCycles = 0.2, DutyCyclePeriod = 10 };
        var sp = new SpatialPooler(p);
        var inputs = RandomSdrs(8, 1000, 25, seed: 101);
        Train(sp, inputs, epochs: 25);
        var probe = RandomSdrs(1, 1000, 60, seed: 102)[0];
        Run(sp, probe, learn: false);
        for (int c = 0; c < 512; c++)
        {
            var pool = sp.GetPotentialInputs(c);
            var perms = sp.GetPermanences(c);
            int overlap = 0, connected = 0;
            for (int s = 0; s < pool.Length; s++)
            {
                if (perms[s] < p.SynPermConnected) continue;
                connected++;
                if (probe[pool[s]]) overlap++;
            }
            Assert.That(sp.GetConnectedCount(c), Is.EqualTo(connected), $"column {c} connected count");
            Assert.That(sp.Overlaps[c], Is.EqualTo(overlap), $"column {c} overlap");
        }
    }

    [Test]
    public void Compute_PicksTheColumnsWithTheLargestOverlap_WithGlobalInhibition()
    {
        // Without boosting the winners are a top-40 by overlap: no loser has a larger overlap than any winner.
        var sp = new SpatialPooler(Anchor);
        var rng = new Rng(111);
        var output = new Sdr(2048);
        for (int step = 0; step < 20; step++)
        {
            sp.Compute(RandomSdr(1000, 40, rng), learn: true, output);
            int minWinner = output.Sparse.ToArray().Min(c => sp.Overlaps[c]);
            for (int c = 0; c < 2048; c++)
                if (!output[c]) Assert.That(sp.Overlaps[c], Is.LessThanOrEqualTo(minWinner), $"step {step}, loser {c}");
        }
    }

    [Test]
    public void Compute_GivesIdenticalOutput_ForTheSameSeed()
    {
        // Two poolers built from the same parameters agree step for step; a third with another seed does not.
        var a = new SpatialPooler(Anchor with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20, BoostStrength = 3 });
        var b = new SpatialPooler(Anchor with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20, BoostStrength = 3 });
        var other = new SpatialPooler(Anchor with { ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20, BoostStrength = 3, Seed = 2 });
        var inputs = RandomSdrs(30, 1000, 20, seed: 121);
        Sdr oa = new(1024), ob = new(1024), oo = new(1024);
        int differs = 0;
        for (int step = 0; step < 150; step++)
        {
            a.Compute(inputs[step % 30], learn: true, oa);
            b.Compute(inputs[step % 30], learn: true, ob);
            other.Compute(inputs[step % 30], learn: true, oo);
            Assert.That(ob, Is.EqualTo(oa), $"step {step}");
            if (!oo.Equals(oa)) differs++;
        }
        Assert.That(b.Permanence, Is.EqualTo(a.Permanence));
        Assert.That(differs, Is.GreaterThan(100));
    }

    [Test]
    public void Compute_Throws_WhenInputOrOutputHasTheWrongSize()
    {
        // A 999-bit input or a 2047-column output is rejected.
        var sp = new SpatialPooler(Anchor);
        Assert.Throws<ArgumentException>(() => sp.Compute(new Sdr(999), learn: false, new Sdr(2048)));
        Assert.Throws<ArgumentException>(() => sp.Compute(new Sdr(1000), learn: false, new Sdr(2047)));
    }

    [Test]
    public void Validate_ReportsNothing_ForTheDefaults()
    {
        // The default and the anchor parameters are valid.
        Assert.That(SpatialPoolerParameters.Default.Validate(), Is.Empty);
        Assert.That(Anchor.Validate(), Is.Empty);
    }

    [Test]
    public void Validate_ReportsEveryInvalidField_WithItsCamelCaseName()
    {
        // Every field wrong at once: each is reported under its camelCase name, and the constructor lists them all.
        var bad = SpatialPoolerParameters.Default with
        {
            InputDimensions = [0], ColumnDimensions = [10, 10], PotentialRadius = -1, PotentialPct = 0, InitialConnectedPct = 1.5,
            LocalAreaDensity = null, NumActiveColumnsPerInhArea = 0, StimulusThreshold = -1, SynPermInactiveDec = -0.1f,
            SynPermActiveInc = 1.5f, SynPermConnected = 1f, MinPctOverlapDutyCycles = -0.5, DutyCyclePeriod = 0, BoostStrength = -1,
        };
        string[] expected =
        [
            "inputDimensions", "columnDimensions", "potentialRadius", "potentialPct", "initialConnectedPct", "numActiveColumnsPerInhArea",
            "stimulusThreshold", "synPermInactiveDec", "synPermActiveInc", "synPermConnected", "minPctOverlapDutyCycles", "dutyCyclePeriod", "boostStrength",
        ];
        var fields = bad.Validate().Select(e => e.Field).Distinct().ToArray();
        Assert.That(fields, Is.EquivalentTo(expected));
        Assert.That(bad.Validate().Select(e => e.Message), Is.All.Not.Empty);
        var ex = Assert.Throws<ArgumentException>(() => _ = new SpatialPooler(bad));
        foreach (string field in expected) Assert.That(ex!.Message, Does.Contain(field));

        // Density out of range, NaN and too many winners.
        Assert.That((SpatialPoolerParameters.Default with { LocalAreaDensity = 0.9 }).Validate().Select(e => e.Field), Is.EqualTo(new[] { "localAreaDensity" }));
        Assert.That((SpatialPoolerParameters.Default with { LocalAreaDensity = double.NaN }).Validate().Select(e => e.Field), Is.EqualTo(new[] { "localAreaDensity" }));
        Assert.That((SpatialPoolerParameters.Default with { PotentialPct = double.NaN }).Validate().Select(e => e.Field), Is.EqualTo(new[] { "potentialPct" }));
        Assert.That((SpatialPoolerParameters.Default with { ColumnDimensions = [30] }).Validate().Select(e => e.Field), Is.EqualTo(new[] { "numActiveColumnsPerInhArea" }));
        Assert.That((SpatialPoolerParameters.Default with { InputDimensions = [10, 10, 10], ColumnDimensions = [10, 10, 10] }).Validate().Select(e => e.Field).Distinct(),
            Is.EquivalentTo(new[] { "inputDimensions", "columnDimensions" }));
    }
}
