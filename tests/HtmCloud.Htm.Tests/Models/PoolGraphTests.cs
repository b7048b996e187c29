using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;

namespace HtmCloud.Htm.Tests.Models;

[TestFixture]
public sealed class PoolGraphTests
{
    private static PoolGraphParameters GroupAndHierarchy()
    {
        var scalar = ModelFixtures.ScalarModel();
        var cpu = scalar with { Fields = [scalar.Fields[0] with { Name = "cpu" }, scalar.Fields[1]], Predictor = null };
        var memory = scalar with
        {
            Fields = [scalar.Fields[0] with { Name = "memory", Rdse = scalar.Fields[0].Rdse! with { Seed = 9 } }, scalar.Fields[1]],
            SpatialPooler = scalar.SpatialPooler with { Seed = 5 },
            TemporalMemory = scalar.TemporalMemory with { Seed = 6 },
        };
        var top = scalar with { Fields = [], Predictor = null, SpatialPooler = scalar.SpatialPooler with { ColumnDimensions = [256], NumActiveColumnsPerInhArea = 10, Seed = 7 } };
        return new PoolGraphParameters
        {
            Pools =
            [
                new PoolDefinition { Name = "top", Model = top, InputPool = "cpu" },
                new PoolDefinition { Name = "cpu", Model = cpu, Group = "host" },
                new PoolDefinition { Name = "memory", Model = memory, Group = "host" },
            ],
        };
    }

    private static FieldValue[] Record(int step) =>
        [10 + step % 7, new DateTime(2024, 1, 1).AddMinutes(step), 20 + step % 5];

    [Test]
    public void FieldNames_AreTheUnionOfPoolFields_InFirstSeenOrder()
    {
        // The graph asks for each record field once, whichever pools read it.
        var graph = new PoolGraph(GroupAndHierarchy());
        Assert.That(graph.FieldNames, Is.EqualTo(new[] { "cpu", "time", "memory" }));
    }

    [Test]
    public void Compute_FeedsGroupPeersPreviousWinners_AsExternalInput()
    {
        // Each group member's memory is sized for the other's cells and gets them as distal input.
        var graph = new PoolGraph(GroupAndHierarchy());
        Assert.That(graph.Pools[1].TemporalMemory.Parameters.ExternalInputSize, Is.EqualTo(graph.Pools[2].TemporalMemory.CellCount));
        Assert.That(graph.Pools[0].TemporalMemory.Parameters.ExternalInputSize, Is.Zero);
        for (int step = 0; step < 5; step++) graph.Compute(Record(step));
        Assert.That(graph.PreviousWinnerCount[2], Is.EqualTo(graph.Pools[2].Result.WinnerCells.Length));
        Assert.That(graph.Pools[1].TemporalMemory.ActivePresynapticCount,
            Is.EqualTo(graph.Pools[1].Result.ActiveCells.Length + graph.Pools[2].Result.WinnerCells.Length),
            "cpu's presynaptic activity = its own active cells + memory's winners of the previous record");
    }

    [Test]
    public void Compute_FeedsHierarchyTheSourcePoolsColumnsOfTheSameRecord()
    {
        // The top pool's input is exactly cpu's active columns of the record just processed.
        var graph = new PoolGraph(GroupAndHierarchy());
        for (int step = 0; step < 20; step++)
        {
            var results = graph.Compute(Record(step));
            Assert.That(results[0].Input.Sparse.ToArray(), Is.EqualTo(results[1].ActiveColumns.Sparse.ToArray()));
        }
    }

    [Test]
    public void GroupMember_LearnsFasterOrEqual_ThanAlone_AndGraphIsDeterministic()
    {
        // Same graph twice gives the same outputs; a grouped pool differs from the same pool run alone.
        var a = new PoolGraph(GroupAndHierarchy());
        var b = new PoolGraph(GroupAndHierarchy());
        var alone = new HtmModel(GroupAndHierarchy().Pools[1].Model);
        bool differs = false;
        for (int step = 0; step < 200; step++)
        {
            var ra = a.Compute(Record(step));
            var rb = b.Compute(Record(step));
            for (int p = 0; p < 3; p++) HtmModelTests.AssertSameStep(ra[p], rb[p], step);
            var r = alone.Compute([10 + step % 7, new DateTime(2024, 1, 1).AddMinutes(step)]);
            differs |= !r.PredictiveCells.SequenceEqual(ra[1].PredictiveCells);
        }
        Assert.That(differs, Is.True, "external input must change the grouped pool's predictions");
    }

    [Test]
    public void SaveLoad_ContinuesBitIdentically()
    {
        // A graph snapshot covers every pool and the group exchange buffers.
        var original = new PoolGraph(GroupAndHierarchy());
        for (int step = 0; step < 150; step++) original.Compute(Record(step));
        using var stream = new MemoryStream();
        original.Save(stream);
        stream.Position = 0;
        var restored = new PoolGraph(GroupAndHierarchy());
        restored.Load(stream);
        Assert.That(restored.Step, Is.EqualTo(original.Step));
        for (int step = 150; step < 350; step++)
        {
            var a = original.Compute(Record(step));
            var b = restored.Compute(Record(step));
            for (int p = 0; p < 3; p++) HtmModelTests.AssertSameStep(a[p], b[p], step);
        }
    }

    [Test]
    public void Validate_ReportsCyclesUnknownPoolsAndDuplicateNames()
    {
        // Graph-level mistakes are reported with their paths.
        var model = ModelFixtures.ScalarModel() with { Fields = [], Predictor = null };
        var cyclic = new PoolGraphParameters
        {
            Pools =
            [
                new PoolDefinition { Name = "a", Model = model, InputPool = "b" },
                new PoolDefinition { Name = "b", Model = model, InputPool = "a" },
            ],
        };
        Assert.That(cyclic.Validate().Select(e => e.Field), Does.Contain("pools"));
        var unknown = new PoolGraphParameters { Pools = [new PoolDefinition { Name = "a", Model = model, InputPool = "zzz" }] };
        Assert.That(unknown.Validate().Select(e => e.Field), Does.Contain("pools[0].inputPool"));
        var duplicate = new PoolGraphParameters { Pools = [new PoolDefinition { Name = "a", Model = ModelFixtures.ScalarModel() }, new PoolDefinition { Name = "a", Model = ModelFixtures.ScalarModel() }] };
        Assert.That(duplicate.Validate().Select(e => e.Field), Does.Contain("pools[1].name"));
    }
}
