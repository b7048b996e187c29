using System.Net;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Data.Durability;
using Microsoft.EntityFrameworkCore;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Cluster;

/// <summary>
/// A model activation that another one has overtaken (as when a node the cluster gave up on was only slow) finds the
/// log already holding its next seq: the request is 503 with Retry-After, and the retry, served by a fresh activation
/// that replayed the log, continues after what the other one logged, as the engine fed those records would.
/// </summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class OvertakenActivationTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task Batch_WhoseSeqAnotherActivationLogged_Is503WithRetryAfter_AndTheRetryContinuesAfterIt()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateModelAsync(tenant.Client, OnePool(requireIncreasingTimestamps: false));
        var first = Series(10, seed: 31);
        var next = Series(10, seed: 31, offset: 10);
        await PostAsync(tenant.Client, model, first, "first");

        // "The other activation" logs seqs 11..20: the records of seqs 1..10 again, under its own key.
        await Host.QueryAsync(async db =>
        {
            var logged = await db.InputLog.AsNoTracking().SingleAsync(e => e.ModelId == model && e.FirstSeq == 1);
            db.InputLog.Add(new InputLogEntry { ModelId = model, FirstSeq = 11, Count = logged.Count, Payload = logged.Payload, IdempotencyKey = "other", CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        using (var refused = await tenant.Client.SendAsync(RecordsRequest(model, next, "next")))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await refused.Content.ReadAsStringAsync());
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null);
        }

        var retried = await PostAsync(tenant.Client, model, next, "next");
        var control = await CreateModelAsync(tenant.Client, OnePool(requireIncreasingTimestamps: false));
        await PostAsync(tenant.Client, control, first);
        await PostAsync(tenant.Client, control, first);
        var expected = await PostAsync(tenant.Client, control, next);
        Assert.That(Seqs(retried), Is.EqualTo(Range(21, 30)));
        AssertIdentical(retried, expected, "the retry vs the engine fed 1..10, 1..10 again, then the batch");
    }
}
