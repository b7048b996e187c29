using System.Net;
using System.Text.Json;
using HtmCloud.Api.Tests.Durability;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Api.Tests.Live;
using static HtmCloud.Api.Tests.Cluster.ClusterChecks;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Cluster;

/// <summary>
/// Live result streams across two real <c>Cluster=Redis</c> server processes on loopback: a viewer on either node sees
/// every record of the model, in order and as the records endpoint returned it, whichever node the records were
/// posted to (fan-out over Redis pub/sub).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ClusterLiveStreamTests
{
    private const int BatchSize = 10, BatchCount = 12;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [Test]
    public async Task StreamOnOneNode_SeesRecordsPostedToTheOther_InOrder_AsTheRecordsEndpointReturnedThem()
    {
        await using var database = await TestDatabase.CreateAsync(TestStorage.Postgres);
        var settings = TestRedis.ClusterSettings(TestRedis.NewClusterId());
        foreach (var (key, value) in database.Settings) settings[key] = value;
        settings["Live:HeartbeatSeconds"] = "1";
        var started = await StartNodesAsync(settings, 2);
        ServerProcess a = started[0], b = started[1];
        try
        {
            using var anonymous = a.CreateClient();
            string apiKey = await SignUpAsync(anonymous);
            using var clientA = a.CreateClient(apiKey);
            using var clientB = b.CreateClient(apiKey);
            var model = await CreateModelAsync(clientA, OnePool(), "live-cluster");
            var records = Series(2 * BatchSize * BatchCount, seed: 7);
            var firstHalf = records[..(BatchSize * BatchCount)];
            var secondHalf = records[(BatchSize * BatchCount)..];

            using var viewerA = Viewer(a, apiKey);
            using var viewerB = Viewer(b, apiKey);
            var (responseA, eventsA) = await OpenAsync(viewerA, model);
            var (responseB, eventsB) = await OpenAsync(viewerB, model);
            using (responseA)
            using (responseB)
            using (eventsA)
            using (eventsB)
            {
                // Posted to A, one batch after another: B's viewer gets them over Redis, A's from its own node.
                var postedToA = await FeedAsync(clientA, model, firstHalf, BatchSize);
                AssertStream(await eventsB.TakeAsync("record", postedToA.Count, Wait), postedToA, firstHalf, "viewer on node B, records posted to A");
                AssertStream(await eventsA.TakeAsync("record", postedToA.Count, Wait), postedToA, firstHalf, "viewer on node A, records posted to A");

                // And the other way round.
                var postedToB = await FeedAsync(clientB, model, secondHalf, BatchSize);
                AssertStream(await eventsA.TakeAsync("record", postedToB.Count, Wait), postedToB, secondHalf, "viewer on node A, records posted to B");
                AssertStream(await eventsB.TakeAsync("record", postedToB.Count, Wait), postedToB, secondHalf, "viewer on node B, records posted to B");
            }
        }
        catch
        {
            TestContext.Out.WriteLine($"--- node A ---\n{a.Output}\n--- node B ---\n{b.Output}");
            throw;
        }
        finally
        {
            await Task.WhenAll(started.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    // No client timeout: the stream stays open for the whole test; each read has its own.
    private static HttpClient Viewer(ServerProcess node, string apiKey)
    {
        var client = new HttpClient { BaseAddress = node.Address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    private static async Task<(HttpResponseMessage Response, EventStream Events)> OpenAsync(HttpClient client, Guid model)
    {
        var response = await client.GetAsync($"/v1/models/{model}/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var events = new EventStream(await response.Content.ReadAsStreamAsync());
        // The node writes this only once its Redis subscription to the model is in place.
        Assert.That((await events.NextAsync(Wait)).Comment, Is.EqualTo("connected"));
        return (response, events);
    }

    private static void AssertStream(List<ServerEvent> live, IReadOnlyList<string> posted, IReadOnlyList<System.Text.Json.Nodes.JsonObject> inputs, string what)
    {
        Assert.That(live.Select(e => long.Parse(e.Id!)), Is.EqualTo(Seqs(posted)), $"{what}: every seq, in order");
        var results = live.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("result").GetRawText()).ToList();
        AssertIdentical(results, posted, what);
        for (int i = 0; i < live.Count; i++)
        {
            double value = JsonDocument.Parse(live[i].Data).RootElement.GetProperty("input").GetProperty("value").GetDouble();
            Assert.That(value, Is.EqualTo(inputs[i]["value"]!.GetValue<double>()), $"{what}: input of record {i}");
        }
    }
}
