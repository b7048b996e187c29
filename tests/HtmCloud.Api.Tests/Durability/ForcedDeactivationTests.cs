using HtmCloud.Api.Tests.Hosting;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// A model grain forced to deactivate between batches (with or without a checkpoint) comes back exactly where it
/// was: its results equal those of a model that was never deactivated, seq without gap or duplicate.
/// Checkpoints every 120 records, so reactivation is sometimes pure replay and sometimes checkpoint + replay.
/// </summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class ForcedDeactivationTests(TestStorage storage) : ApiFixture(storage)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Durability:CheckpointEveryRecords"] = "120",
    };

    // Batches of 50, deactivated after seq 50, 200 and 450. Without a checkpoint on deactivation the grain comes back
    // from the log alone (seq 50), then from automatic checkpoint 150 + replay of 151..200, then 300 + 301..450.
    private static readonly int[] DeactivateAfter = [1, 4, 9];

    [TestCase(false)]
    [TestCase(true)]
    public async Task ForcedDeactivation_BetweenBatches_ResultsIdenticalToAnUninterruptedRun(bool checkpoint)
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool());
        var control = await CreateModelAsync(tenant.Client, OnePool());
        var records = Series(600, seed: checkpoint ? 11 : 12);
        var expected = await FeedAsync(tenant.Client, control, records, 50, "c-");

        var actual = new List<string>();
        int index = 0;
        foreach (var batch in Batches(records, 50))
        {
            actual.AddRange(await PostAsync(tenant.Client, model, batch, $"m-{index}"));
            if (DeactivateAfter.Contains(++index)) await DeactivateAsync(Host.Services, model, checkpoint);
        }

        Assert.That(Seqs(actual), Is.EqualTo(Range(1, 600)), "no gap, no duplicate");
        AssertIdentical(actual, expected, "deactivated model vs uninterrupted model");
        Assert.That(await RecordsProcessedAsync(tenant.Client, model), Is.EqualTo(600));
        var checkpoints = await ListCheckpointsAsync(tenant.Client, model);
        if (checkpoint) Assert.That(checkpoints.Select(c => c.GetProperty("seq").GetInt64()), Does.Contain(450L), "the deactivation after seq 450 checkpointed");
    }

    [Test]
    public async Task ForcedDeactivation_OfAGroupAndHierarchyGraph_CarriesTheGroupExchangeState()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, GroupAndHierarchy());
        var control = await CreateModelAsync(tenant.Client, GroupAndHierarchy());
        var records = Series(300, seed: 13);
        var expected = await FeedAsync(tenant.Client, control, records, 50);

        var actual = new List<string>();
        int index = 0;
        foreach (var batch in Batches(records, 50))
        {
            actual.AddRange(await PostAsync(tenant.Client, model, batch));
            index++;
            // Checkpoint after 100 (on deactivation), then log-only after 150 and 250 (checkpoint 150 is automatic).
            if (index == 2) await DeactivateAsync(Host.Services, model, checkpoint: true);
            if (index is 3 or 5) await DeactivateAsync(Host.Services, model, checkpoint: false);
        }

        Assert.That(Seqs(actual), Is.EqualTo(Range(1, 300)));
        AssertIdentical(actual, expected, "group/hierarchy model across deactivations");
    }

    // Batch 2 (seq 101..150) crosses the checkpoint threshold. Its answer is "lost" and the grain dies without a
    // checkpoint of its own; the client retries with the same Idempotency-Key. (Timestamps unordered, so a second
    // run of the batch would show as seq 151..200 rather than as a refusal.)
    [Test]
    public Task RetryAfterACrash_OfAnUnansweredBatchThatMadeACheckpointDue_ReturnsItsResults_NotASecondRun() =>
        RetryAfterACrashAsync(seed: 14, checkpointOnDemand: false);

    // KNOWN BUG, pinned: the same with a checkpoint that covers the unanswered batch (here on demand; in production
    // the every-T-seconds timer or an export can write it right after the batch). Checkpoints do not carry the
    // remembered idempotency keys, so after the crash the retry runs the batch again: seq 151..200, a duplicate.
    [Test]
    public Task RetryAfterACrash_OfAnUnansweredBatchThatACheckpointCovers_ReturnsItsResults_NotASecondRun() =>
        RetryAfterACrashAsync(seed: 15, checkpointOnDemand: true);

    private async Task RetryAfterACrashAsync(int seed, bool checkpointOnDemand)
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool(requireIncreasingTimestamps: false));
        var control = await CreateModelAsync(tenant.Client, OnePool(requireIncreasingTimestamps: false));
        var records = Series(250, seed: seed);
        var expected = await FeedAsync(tenant.Client, control, records, 50);
        var batches = Batches(records, 50).ToArray();

        var actual = new List<string>();
        actual.AddRange(await PostAsync(tenant.Client, model, batches[0], "k-0"));
        actual.AddRange(await PostAsync(tenant.Client, model, batches[1], "k-1"));
        _ = await PostAsync(tenant.Client, model, batches[2], "k-2");
        if (checkpointOnDemand) await CheckpointAsync(tenant.Client, model);
        await DeactivateAsync(Host.Services, model, checkpoint: false);
        var retried = await PostAsync(tenant.Client, model, batches[2], "k-2");
        actual.AddRange(retried);
        actual.AddRange(await PostAsync(tenant.Client, model, batches[3], "k-3"));
        actual.AddRange(await PostAsync(tenant.Client, model, batches[4], "k-4"));

        Assert.That(Seqs(retried), Is.EqualTo(Range(101, 150)), "the retry answers the logged batch; it is not processed again");
        Assert.That(Seqs(actual), Is.EqualTo(Range(1, 250)));
        AssertIdentical(actual, expected, "model with a retried batch vs uninterrupted model");
    }
}
