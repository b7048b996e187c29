using System.Text.Json;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Durability;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Api.Tests.Models;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Pools;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;
using Microsoft.Extensions.DependencyInjection;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Records;

/// <summary>
/// Sharded pools on a two-silo cluster (two hosts in one process on one PostgreSQL database, the second silo
/// joined to the first): shards land on both silos, requests go to both hosts, a shard is lost alone and models are
/// deactivated mid-stream (with and without a checkpoint), and every result equals the unsharded engine's, bit for bit.
/// </summary>
[TestFixture]
public sealed class ShardedPoolTests
{
    private ApiHost? _first, _second;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        _first = await ApiHost.StartAsync(TestStorage.Postgres);
        _second = await ApiHost.JoinAsync(_first);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
        if (_first is not null) await _first.DisposeAsync();
    }

    [Test]
    public async Task ShardedPools_OneTwoAndFourShards_OverTwoSilos_AreBitIdenticalToTheUnshardedEngine_Over2000Records()
    {
        var tenant = await _first!.SignUpAsync();
        using var secondClient = _second!.CreateClient(tenant.ApiKey);
        var clients = new[] { tenant.Client, secondClient };
        int[] shardCounts = [1, 2, 4];
        var ids = new Guid[shardCounts.Length];
        for (int m = 0; m < shardCounts.Length; m++)
            ids[m] = await CreateAsync(clients[m % 2], TestGraphs.CreateRequest(Graph(shardCounts[m]), $"sharded-{shardCounts[m]}"));
        var records = Series(2000, seed: 8);

        var api = ids.Select(_ => new List<JsonElement>()).ToArray();
        for (int batch = 0; batch < 20; batch++)
        {
            if (batch == 5)
            {
                // One shard of the 2-shard pool is lost alone: the pool notices the step mismatch, the model rebuilds.
                var shard = _first.Services.GetRequiredService<IGrainFactory>().GetGrain<IColumnShardGrain>($"{ids[1]}/0/1");
                await shard.DeactivateAsync();
                await DurabilityApi.WaitUntilGoneAsync(_first.Services, shard.GetGrainId(), "shard 1 of the 2-shard pool");
            }
            if (batch == 10)
            {
                // Mid-stream: one model from its checkpoint, one replaying its log, one left running.
                await DurabilityApi.DeactivateAsync(_first.Services, ids[0], checkpoint: true);
                await DurabilityApi.DeactivateAsync(_second.Services, ids[2], checkpoint: false);
            }
            var slice = records.Skip(batch * 100).Take(100).ToArray();
            for (int m = 0; m < ids.Length; m++) api[m].AddRange(await ProcessAsync(clients[(batch + m) % 2], ids[m], slice));
        }

        var (graph, errors) = GraphCompiler.Compile(JsonSerializer.Deserialize<PoolGraphDocument>(Graph(shards: null).ToJsonString(), HtmJson.Options));
        Assert.That(errors, Is.Empty);
        var engine = new PoolGraph(graph!.Plan.Parameters);
        int predictiveRecords = 0;
        for (int r = 0; r < records.Length; r++)
        {
            var pool = engine.Compute(Values(records[r], graph.Plan.FieldNames))[0];
            predictiveRecords += pool.PredictiveCells.Length > 0 ? 1 : 0;
            for (int m = 0; m < ids.Length; m++)
            {
                Assert.That(api[m][r].GetProperty("seq").GetInt64(), Is.EqualTo(r + 1));
                AssertSame(api[m][r], pool, $"{shardCounts[m]} shards, record {r}");
            }
        }
        Assert.That(predictiveRecords, Is.GreaterThan(1000), "the memory predicts for most of the run");
        Assert.That(engine.Pools[0].Result.Likelihood, Is.Not.EqualTo(0.5), "the likelihood left its probation");

        // Column shards are placed by range: with two silos, a pool of 2 or 4 shards has shards on both.
        var grains = _first.Services.GetRequiredService<IGrainFactory>();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        for (int m = 0; m < ids.Length; m++)
        {
            var silos = statistics.Where(s => s.GrainType.Contains("ColumnShardGrain") && s.GrainId.Key.ToString()!.StartsWith(ids[m].ToString()))
                .Select(s => s.SiloAddress).Distinct().Count();
            Assert.That(silos, Is.EqualTo(Math.Min(shardCounts[m], 2)), $"silos holding the shards of the {shardCounts[m]}-shard pool");
        }
    }

    [Test]
    public async Task Graph_WithBadShards_IsRefusedWithPaths()
    {
        var tenant = await _first!.SignUpAsync();
        var graph = Graph(shards: 0);
        var local = Graph(shards: 2);
        local["pools"]![0]!["spatialPooler"]!["globalInhibition"] = false;
        var tooMany = Graph(shards: 2);
        tooMany["pools"]![0]!["spatialPooler"]!["columnDimensions"] = new JsonArray(1);
        foreach (var (body, message) in new[] { (graph, "must be 1..16"), (local, "needs global inhibition"), (tooMany, "must not exceed the pool's 1 columns") })
        {
            using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(body)));
            var errors = await ProblemAssert.IsValidationProblemAsync(response, "graph.pools[0].shards");
            Assert.That(errors, Has.Some.Contains(message));
        }
    }

    // 240 columns × 6 cells with small segment and synapse caps, boosting and bumps on: every path where storage
    // ids or draw order could leak into results runs within 2,000 records.
    private static JsonObject Graph(int? shards)
    {
        var graph = JsonNode.Parse($$"""
            {
              "fields": [ { "name": "timestamp", "type": "dateTime" }, { "name": "value", "type": "number" } ],
              "pools": [ {
                "name": "main",
                "encoders": [ { "name": "value", "rdse": { "size": 200, "activeBits": 11, "resolution": 1, "seed": 3 } },
                              { "name": "timestamp", "dateTime": { "timeOfDayWidth": 11, "timeOfDayRadius": 4 } } ],
                "spatialPooler": { "columnDimensions": [240], "numActiveColumnsPerInhArea": 12, "potentialPct": 0.5, "boostStrength": 1,
                                   "minPctOverlapDutyCycles": 0.1, "dutyCyclePeriod": 100, "seed": 11 },
                "temporalMemory": { "cellsPerColumn": 6, "activationThreshold": 6, "minThreshold": 4, "maxNewSynapseCount": 8,
                                    "maxSegmentsPerCell": 4, "maxSynapsesPerSegment": 12, "predictedSegmentDecrement": 0.01, "seed": 12 },
                "likelihood": { "learningPeriod": 100, "estimationSamples": 50, "reestimationPeriod": 50 },
                "predictor": { "steps": [1] }
              } ],
              "outputs": { "activeColumns": true, "activeCells": true, "winnerCells": true, "predictiveCells": true, "predictions": true },
              "timestampField": "timestamp"
            }
            """)!.AsObject();
        if (shards is int n) graph["pools"]![0]!["shards"] = n;
        return graph;
    }

    private static FieldValue[] Values(JsonObject record, IReadOnlyList<string> fieldNames) =>
        fieldNames.Select(name => record[name]!.GetValueKind() == JsonValueKind.String
            ? FieldValue.FromDateTime(DateTimeOffset.Parse(record[name]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime)
            : FieldValue.FromNumber(record[name]!.GetValue<double>())).ToArray();

    private static void AssertSame(JsonElement result, PoolResult pool, string where)
    {
        var view = result.GetProperty("pools").GetProperty("main");
        Assert.That(Ints(view.GetProperty("activeColumns")), Is.EqualTo(pool.ActiveColumns.Sparse.ToArray()), $"{where} activeColumns");
        Assert.That(Ints(view.GetProperty("activeCells")), Is.EqualTo(pool.ActiveCells.ToArray()), $"{where} activeCells");
        Assert.That(Ints(view.GetProperty("winnerCells")), Is.EqualTo(pool.WinnerCells.ToArray()), $"{where} winnerCells");
        Assert.That(Ints(view.GetProperty("predictiveCells")), Is.EqualTo(pool.PredictiveCells.ToArray()), $"{where} predictiveCells");
        Assert.That(view.GetProperty("rawAnomaly").GetDouble(), Is.EqualTo((double)pool.RawAnomaly), $"{where} rawAnomaly");
        Assert.That(view.TryGetProperty("anomalyLikelihood", out var likelihood) ? likelihood.GetDouble() : double.NaN, Is.EqualTo(pool.Likelihood), $"{where} likelihood");
        Assert.That(view.GetProperty("anomalyScore").GetDouble(), Is.EqualTo(pool.AnomalyScore), $"{where} anomalyScore");
        var expected = pool.Predictions.Select(p => (p.Steps, double.IsNaN(p.BestValue) ? (double?)null : p.BestValue, p.BestProbability));
        var actual = view.GetProperty("predictions").EnumerateArray().Select(p => (
            p.GetProperty("steps").GetInt32(),
            p.GetProperty("value").ValueKind == JsonValueKind.Null ? (double?)null : p.GetProperty("value").GetDouble(),
            p.GetProperty("probability").GetDouble()));
        Assert.That(actual, Is.EqualTo(expected), $"{where} predictions");
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
