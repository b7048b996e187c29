using System.Diagnostics;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Durability;
using HtmCloud.Api.Tests.Hosting;
using static HtmCloud.Api.Tests.Cluster.ClusterChecks;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Cluster;

/// <summary>
/// Two real server processes on loopback form one <c>Cluster=Redis</c> cluster over the test PostgreSQL and Redis.
/// Each model is placed on the node that first receives it (three per node, read from each node's /metrics); one
/// client per model streams keyed batches to both nodes in turn. One node is SIGKILLed mid-stream; clients retry the
/// failed batch on the other node with the same Idempotency-Key (<see cref="FailoverRetry"/>) until the cluster has
/// declared the node dead and its models have re-activated on the survivor from checkpoint and input log. Afterwards
/// every model's sequence numbers run 1..N without gap or duplicate and its results equal those of a single
/// in-process node fed the same records. No timing is asserted: the times are printed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ClusterFailoverTests
{
    private const int ModelsPerNode = 3, BatchSize = 20, BatchCount = 40;

    [Test]
    public async Task NodeKilledMidStream_ClientsRetryOnTheSurvivor_NoRecordLostOrDoubled_ResultsEqualOneNode()
    {
        await using var database = await TestDatabase.CreateAsync(TestStorage.Postgres);
        var settings = TestRedis.ClusterSettings(TestRedis.NewClusterId());
        foreach (var (key, value) in database.Settings) settings[key] = value;
        settings["Durability:CheckpointEveryRecords"] = "200";
        var clock = Stopwatch.StartNew();
        // Started together on an empty database: both migrate it at once, as docker compose starts its nodes.
        var started = await StartNodesAsync(settings, 2);
        ServerProcess doomed = started[0], survivor = started[1];
        var log = new List<string> { $"two nodes ready in {clock.Elapsed.TotalSeconds:F1} s" };
        try
        {
            using var anonymous = doomed.CreateClient();
            string apiKey = await SignUpAsync(anonymous);
            HttpClient[] nodes = [doomed.CreateClient(apiKey), survivor.CreateClient(apiKey)];
            int modelCount = 2 * ModelsPerNode;
            var models = new Guid[modelCount];
            var series = new JsonObject[modelCount][][];
            for (int m = 0; m < modelCount; m++)
            {
                models[m] = await CreateModelAsync(nodes[m % 2], OnePool(), $"cluster-{m}");
                series[m] = Batches(Series(BatchSize * BatchCount, seed: 100 + m), BatchSize).ToArray();
            }

            // Any node reaches every model; the first batch places model m on node m % 2 (the node it arrived at).
            var results = new List<string>[modelCount];
            for (int m = 0; m < modelCount; m++) results[m] = [.. await PostAsync(nodes[m % 2], models[m], series[m][0], Key(m, 0))];
            await AssertActiveModelsAsync(doomed, ModelsPerNode, "models on the node to be killed");
            await AssertActiveModelsAsync(survivor, ModelsPerNode, "models on the surviving node");

            int sent = modelCount, retries = 0;
            var streaming = Stopwatch.StartNew();
            var clients = Enumerable.Range(0, modelCount).Select(m => Task.Run(async () =>
            {
                for (int b = 1; b < BatchCount; b++)
                {
                    int attempt = 0;
                    var pipeline = FailoverRetry.Pipeline(outcome =>
                    {
                        if (Interlocked.Increment(ref retries) <= 20) lock (log) log.Add($"retry of model {m} batch {b}: {outcome}");
                    });
                    // Batch b goes to node (m + b) % 2; each retry tries the other node, with the same key.
                    var answer = await pipeline.ExecuteAsync(async token =>
                    {
                        using var request = RecordsRequest(models[m], series[m][b], Key(m, b));
                        return await nodes[(m + b + attempt++) % 2].SendAsync(request, token);
                    });
                    using (answer) results[m].AddRange(await ResultsAsync(answer));
                    Interlocked.Increment(ref sent);
                }
            })).ToArray();

            // SIGKILL once a third of the batches are in: every client is mid-stream, some requests are in flight.
            while (Volatile.Read(ref sent) < modelCount * BatchCount / 3)
            {
                if (clients.FirstOrDefault(c => c.IsFaulted) is { } failed) await failed;
                await Task.Delay(5);
            }
            await doomed.KillAsync();
            lock (log) log.Add($"node killed after {Volatile.Read(ref sent)} of {modelCount * BatchCount} batches, {streaming.Elapsed.TotalSeconds:F1} s into the stream");
            await Task.WhenAll(clients);
            log.Add($"streaming done in {streaming.Elapsed.TotalSeconds:F1} s; {retries} retries");
            Assert.That(retries, Is.GreaterThan(0), "the kill interrupted no client: nothing was shown");

            int total = BatchSize * BatchCount;
            for (int m = 0; m < modelCount; m++)
            {
                Assert.That(Seqs(results[m]), Is.EqualTo(Range(1, total)), $"model {m}: seqs 1..{total}, no gap, no duplicate");
                // Read through the survivor, which (re)activates the model there if Orleans dropped it with the dead node's directory entries.
                Assert.That(await RecordsProcessedAsync(nodes[1], models[m]), Is.EqualTo(total), $"model {m}: records processed");
                Assert.That(await LogIsContiguousAsync(database, models[m]), Is.True, $"model {m}: the input log has no overlap or gap");
            }
            await AssertActiveModelsAsync(survivor, modelCount, "every model now lives on the survivor");

            // The same records through one in-process node (embedded storage, localhost cluster), never interrupted.
            await using var single = await ApiHost.StartAsync(TestStorage.Sqlite);
            var control = (await single.SignUpAsync()).Client;
            for (int m = 0; m < modelCount; m++)
            {
                var model = await CreateModelAsync(control, OnePool(), $"single-{m}");
                var expected = new List<string>(total);
                foreach (var batch in series[m]) expected.AddRange(await PostAsync(control, model, batch));
                AssertIdentical(results[m], expected, $"model {m} (placed on node {m % 2}) vs one node");
            }
            log.Add($"total {clock.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            log.Add($"--- surviving node's output ---\n{survivor.Output}");
            throw;
        }
        finally
        {
            foreach (var line in log) TestContext.Out.WriteLine(line);
            await Task.WhenAll(started.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private static string Key(int model, int batch) => $"m{model}-b{batch}";
}
