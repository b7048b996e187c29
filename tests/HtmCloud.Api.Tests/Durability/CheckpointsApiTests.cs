using System.Net;
using System.Text.Json;
using HtmCloud.Api.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// Checkpoints on demand, their list, restore, a corrupt checkpoint in the database, export/import errors and
/// tenant isolation. Automatic checkpoints are off (every 10⁹ records), so each test knows which checkpoints exist.
/// </summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class CheckpointsApiTests(TestStorage storage) : ApiFixture(storage)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Durability:CheckpointEveryRecords"] = "1000000000",
    };

    [Test]
    public async Task CorruptNewestCheckpoint_FallsBackToThePreviousOne_AndEndsIdentical()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool());
        var control = await CreateModelAsync(tenant.Client, OnePool());
        var records = Series(400, seed: 21);
        var expected = await FeedAsync(tenant.Client, control, records, 50);

        var actual = new List<string>();
        actual.AddRange(await FeedAsync(tenant.Client, model, records[..100], 50));
        var older = await CheckpointAsync(tenant.Client, model);
        actual.AddRange(await FeedAsync(tenant.Client, model, records[100..200], 50));
        var newest = await CheckpointAsync(tenant.Client, model);
        actual.AddRange(await FeedAsync(tenant.Client, model, records[200..250], 50));
        Assert.That(older.GetProperty("seq").GetInt64(), Is.EqualTo(100));
        Assert.That(newest.GetProperty("seq").GetInt64(), Is.EqualTo(200));

        await CorruptAsync(newest.GetProperty("id").GetGuid());
        await DeactivateAsync(Host.Services, model, checkpoint: false);
        actual.AddRange(await FeedAsync(tenant.Client, model, records[250..], 50));

        Assert.That(Seqs(actual), Is.EqualTo(Range(1, 400)));
        AssertIdentical(actual, expected, "model restored past a corrupt checkpoint vs uninterrupted model");
    }

    [Test]
    public async Task OnlyCheckpointCorrupt_ReplaysTheWholeLog_AndEndsIdentical()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool());
        var control = await CreateModelAsync(tenant.Client, OnePool());
        var records = Series(200, seed: 22);
        var expected = await FeedAsync(tenant.Client, control, records, 50);

        var actual = await FeedAsync(tenant.Client, model, records[..100], 50);
        var only = await CheckpointAsync(tenant.Client, model);
        actual.AddRange(await FeedAsync(tenant.Client, model, records[100..150], 50));
        await CorruptAsync(only.GetProperty("id").GetGuid());
        await DeactivateAsync(Host.Services, model, checkpoint: false);
        actual.AddRange(await FeedAsync(tenant.Client, model, records[150..], 50));

        Assert.That(Seqs(actual), Is.EqualTo(Range(1, 200)));
        AssertIdentical(actual, expected, "model replayed from the start of its log vs uninterrupted model");
    }

    [Test]
    public async Task Checkpoints_AreListedNewestFirst_WithSeqSizeAndCreatedAt()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool());
        var records = Series(120, seed: 23);

        await FeedAsync(tenant.Client, model, records[..50], 50);
        var first = await CheckpointAsync(tenant.Client, model);
        var again = await CheckpointAsync(tenant.Client, model);
        await FeedAsync(tenant.Client, model, records[50..], 70);
        var second = await CheckpointAsync(tenant.Client, model);
        var listed = await ListCheckpointsAsync(tenant.Client, model);

        Assert.That(again.GetProperty("id").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()), "nothing changed: the newest checkpoint is returned, none written");
        Assert.That(listed.Select(c => c.GetProperty("seq").GetInt64()), Is.EqualTo(new[] { 120L, 50L }));
        Assert.That(listed.Select(c => c.GetProperty("id").GetGuid()), Is.EqualTo(new[] { second.GetProperty("id").GetGuid(), first.GetProperty("id").GetGuid() }));
        foreach (var checkpoint in listed)
        {
            Assert.That(checkpoint.GetProperty("size").GetInt64(), Is.GreaterThan(10_000), "the pool's learned state is in it");
            Assert.That(checkpoint.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(2)));
        }
        Assert.That(listed[0].GetProperty("createdAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(listed[1].GetProperty("createdAt").GetDateTimeOffset()));
        var stored = await Host.QueryAsync(db => db.Checkpoints.AsNoTracking().Where(c => c.ModelId == model).Select(c => new { c.Id, c.Size, Length = c.Data.Length }).ToListAsync());
        foreach (var checkpoint in listed)
        {
            var row = stored.Single(r => r.Id == checkpoint.GetProperty("id").GetGuid());
            Assert.That(checkpoint.GetProperty("size").GetInt64(), Is.EqualTo(row.Size).And.EqualTo(row.Length), "size is the stored data's length");
        }
    }

    [Test]
    public async Task Restore_WithoutConfirm_Is400_AndChangesNothing()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool());
        await FeedAsync(tenant.Client, model, Series(60, seed: 24), 30);
        var id = (await CheckpointAsync(tenant.Client, model)).GetProperty("id").GetGuid();
        await FeedAsync(tenant.Client, model, Series(30, seed: 24, offset: 60), 30);

        using var unconfirmed = await RestoreAsync(tenant.Client, model, id, confirm: false);
        using var missing = await RestoreAsync(tenant.Client, model, id, confirm: null);
        using var unknown = await RestoreAsync(tenant.Client, model, Guid.NewGuid(), confirm: true);

        await ProblemAssert.IsValidationProblemAsync(unconfirmed, "confirm");
        await ProblemAssert.IsValidationProblemAsync(missing, "confirm");
        await ProblemAssert.IsValidationProblemAsync(unknown, "checkpointId");
        Assert.That(await RecordsProcessedAsync(tenant.Client, model), Is.EqualTo(90));
    }

    [Test]
    public async Task Restore_ToAnEarlierCheckpoint_ContinuesFromThere_AndTheDiscardedLogStaysDiscarded()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool());
        var records = Series(300, seed: 25);
        var original = await FeedAsync(tenant.Client, model, records[..100], 50);
        var earlier = await CheckpointAsync(tenant.Client, model);
        original.AddRange(await FeedAsync(tenant.Client, model, records[100..200], 50));
        var later = await CheckpointAsync(tenant.Client, model);
        original.AddRange(await FeedAsync(tenant.Client, model, records[200..], 50));

        using var response = await RestoreAsync(tenant.Client, model, earlier.GetProperty("id").GetGuid(), confirm: true);

        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var restored = JsonDocument.Parse(body).RootElement;
        Assert.That(restored.GetProperty("id").GetGuid(), Is.EqualTo(earlier.GetProperty("id").GetGuid()));
        Assert.That(restored.GetProperty("seq").GetInt64(), Is.EqualTo(100));
        Assert.That(await RecordsProcessedAsync(tenant.Client, model), Is.EqualTo(100));
        var listed = await ListCheckpointsAsync(tenant.Client, model);
        Assert.That(listed.Select(c => c.GetProperty("id").GetGuid()), Is.EqualTo(new[] { earlier.GetProperty("id").GetGuid() }), "the later checkpoint is discarded");
        Assert.That(listed.Select(c => c.GetProperty("id").GetGuid()), Does.Not.Contain(later.GetProperty("id").GetGuid()));

        // The model continues from seq 100: the same records give the same results as the first time.
        var again = await FeedAsync(tenant.Client, model, records[100..200], 50);
        Assert.That(Seq(again[0]), Is.EqualTo(101), "next seq = checkpoint seq + 1");
        AssertIdentical(again, original[100..200], "results after restore vs the results first produced after that checkpoint");

        // A crash now must not bring the discarded log back: reactivation is checkpoint 100 + the new log only.
        await DeactivateAsync(Host.Services, model, checkpoint: false);
        var rest = await FeedAsync(tenant.Client, model, records[200..], 50);
        AssertIdentical(rest, original[200..], "results after restore, more records and a reactivation");
        Assert.That(await RecordsProcessedAsync(tenant.Client, model), Is.EqualTo(300));
    }

    [Test]
    public async Task OtherTenantsModel_Is404OnEveryDurabilityEndpoint_AndUntouched()
    {
        var owner = await Host.SignUpAsync();
        var other = await Host.SignUpAsync();
        var model = await CreateModelAsync(owner.Client, OnePool());
        await FeedAsync(owner.Client, model, Series(40, seed: 26), 40);
        var checkpoint = await CheckpointAsync(owner.Client, model);
        await FeedAsync(owner.Client, model, Series(10, seed: 26, offset: 40), 10);

        using var create = await other.Client.PostAsync($"/v1/models/{model}/checkpoints", null);
        using var list = await other.Client.GetAsync($"/v1/models/{model}/checkpoints");
        using var restore = await RestoreAsync(other.Client, model, checkpoint.GetProperty("id").GetGuid(), confirm: true);
        using var export = await other.Client.GetAsync($"/v1/models/{model}/export");
        using var unknownList = await owner.Client.GetAsync($"/v1/models/{Guid.NewGuid()}/checkpoints");
        using var unknownExport = await owner.Client.GetAsync($"/v1/models/{Guid.NewGuid()}/export");

        foreach (var response in new[] { create, list, restore, export, unknownList, unknownExport })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(await RecordsProcessedAsync(owner.Client, model), Is.EqualTo(50), "the other tenant's restore did nothing");
        Assert.That((await ListCheckpointsAsync(owner.Client, model)).Select(c => c.GetProperty("seq").GetInt64()), Is.EqualTo(new[] { 40L }), "nor its checkpoint request");
    }

    [Test]
    public async Task DurabilityEndpoints_WithoutAKey_Are401()
    {
        using var anonymous = Host.CreateClient();
        var model = Guid.NewGuid();

        using var list = await anonymous.GetAsync($"/v1/models/{model}/checkpoints");
        using var export = await anonymous.GetAsync($"/v1/models/{model}/export");
        using var import = await ImportAsync(anonymous, [1, 2, 3]);

        foreach (var response in new[] { list, export, import })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Import_OfBytesThatAreNoExport_Is400Problem_AndCreatesNoModel()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool());
        await FeedAsync(tenant.Client, model, Series(20, seed: 27), 20);
        var export = await ExportAsync(tenant.Client, model);
        var flipped = (byte[])export.Clone();
        flipped[flipped.Length / 2] ^= 0xFF;
        var garbage = new byte[4096];
        new Random(27).NextBytes(garbage);
        var bodies = new Dictionary<string, byte[]>
        {
            ["garbage"] = garbage,
            ["empty"] = [],
            ["text"] = "{\"name\":\"not a model\"}"u8.ToArray(),
            ["truncated"] = export[..(export.Length / 2)],
            ["one byte flipped"] = flipped,
        };

        foreach (var (what, body) in bodies)
        {
            using var response = await ImportAsync(tenant.Client, body);
            var messages = await ProblemAssert.IsValidationProblemAsync(response, "body");
            Assert.That(messages, Is.Not.Empty, what);
        }
        using var models = await tenant.Client.GetAsync("/v1/models");
        Assert.That(JsonDocument.Parse(await models.Content.ReadAsStringAsync()).RootElement.GetArrayLength(), Is.EqualTo(1), "no model was imported");
    }

    [Test]
    public async Task Import_IntoAnotherTenantOnTheSameServer_IsAnIndependentCopy()
    {
        var owner = await Host.SignUpAsync();
        var other = await Host.SignUpAsync();
        var model = await CreateModelAsync(owner.Client, OnePool(), "original");
        var records = Series(200, seed: 28);
        await FeedAsync(owner.Client, model, records[..100], 50);
        var file = await ExportAsync(owner.Client, model);

        using var imported = await ImportAsync(other.Client, file);
        string body = await imported.Content.ReadAsStringAsync();
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var copy = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        Assert.That(imported.Headers.Location?.ToString(), Is.EqualTo($"/v1/models/{copy}"));
        Assert.That(copy, Is.Not.EqualTo(model));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("name").GetString(), Is.EqualTo("original"));

        var fromCopy = await FeedAsync(other.Client, copy, records[100..], 50);
        var fromOriginal = await FeedAsync(owner.Client, model, records[100..], 50);
        AssertIdentical(fromCopy, fromOriginal, "imported copy vs original");
        using var notTheOwners = await owner.Client.GetAsync($"/v1/models/{copy}");
        await ProblemAssert.IsProblemAsync(notTheOwners, HttpStatusCode.NotFound);
    }

    // Flips one byte in the middle of the checkpoint's data, in the database.
    private Task CorruptAsync(Guid checkpoint) => Host.QueryAsync(async db =>
    {
        var data = await db.Checkpoints.AsNoTracking().Where(c => c.Id == checkpoint).Select(c => c.Data).SingleAsync();
        data[data.Length / 2] ^= 0x5A;
        int updated = await db.Checkpoints.Where(c => c.Id == checkpoint).ExecuteUpdateAsync(s => s.SetProperty(c => c.Data, data));
        Assert.That(updated, Is.EqualTo(1));
        return updated;
    });
}
