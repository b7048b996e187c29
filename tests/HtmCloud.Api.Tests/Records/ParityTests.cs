using System.Text.Json;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Api.Tests.Models;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Contracts.Models;
using HtmCloud.Grains.Graphs;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Records;

/// <summary>
/// The service (graph stored in the database, one grain per pool, batches of any size and NDJSON) gives
/// exactly what the engine's in-process <see cref="PoolGraph"/> gives for the same graph and records, bit for bit.
/// </summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class ParityTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task GroupedPoolsWithAFedPool_StreamedInMixedBatches_AreBitIdenticalToTheEngine()
    {
        var tenant = await Host.SignUpAsync();
        string graphJson = TestGraphs.GroupAndHierarchy().ToJsonString();
        var id = await CreateAsync(tenant.Client, TestGraphs.CreateRequest(JsonNode.Parse(graphJson)!));
        var records = TwoMetricSeries(300);

        var api = new List<JsonElement>();
        int next = 0;
        foreach (var (size, ndjson) in new[] { (1, false), (7, false), (100, false), (50, true), (1, false), (7, false), (100, false), (34, true) })
        {
            var batch = records.Skip(next).Take(size).ToArray();
            api.AddRange(ndjson
                ? await ProcessNdjsonAsync(tenant.Client, id, batch.Select(r => r.ToJsonString()))
                : await ProcessAsync(tenant.Client, id, batch));
            next += size;
        }
        Assert.That(next, Is.EqualTo(300));
        Assert.That(Seqs(api), Is.EqualTo(Range(1, 300)));

        var document = JsonSerializer.Deserialize<PoolGraphDocument>(graphJson, HtmJson.Options)!;
        var (graph, errors) = GraphCompiler.Compile(document);
        Assert.That(errors, Is.Empty);
        var engine = new PoolGraph(graph!.Plan.Parameters);
        var names = document.Pools.Select(p => p.Name).ToArray();
        int anomalyPool = graph.AnomalyPool;
        Assert.That(names[anomalyPool], Is.EqualTo("b"));
        bool likelihoodFitted = false, predicted = false;
        for (int r = 0; r < records.Length; r++)
        {
            var pools = engine.Compute(Values(records[r], graph.Plan.FieldNames));
            var result = api[r];
            Assert.That(result.GetProperty("timestamp").GetDateTime(), Is.EqualTo(Start.AddMinutes(5 * r)));
            AssertHeadline(result, pools[anomalyPool], r);
            for (int p = 0; p < pools.Count; p++)
            {
                var view = result.GetProperty("pools").GetProperty(names[p]);
                AssertSamePool(view, pools[p], $"record {r} pool {names[p]}", sdrs: true);
            }
            likelihoodFitted |= pools[0].Likelihood != 0.5;
            predicted |= pools[0].Predictions.Any(p => !double.IsNaN(p.BestValue));
        }
        Assert.That(likelihoodFitted && predicted, Is.True, "the run reaches fitted likelihoods and predictions");

        var state = await StateAsync(tenant.Client, id);
        Assert.That(state.GetProperty("recordsProcessed").GetInt64(), Is.EqualTo(300));
        for (int p = 0; p < names.Length; p++)
            AssertSamePool(state.GetProperty("last").GetProperty("pools").GetProperty(names[p]), engine.Pools[p].Result, $"state pool {names[p]}", sdrs: true);
    }

    [Test]
    public async Task ScalarAnomalyTemplate_InBatches_IsBitIdenticalToTheEngine()
    {
        var tenant = await Host.SignUpAsync();
        var options = new TemplateOptions { Minimum = 0, Maximum = 100, ProbationaryRecords = 200, Seed = 7 };
        var id = await CreateAsync(tenant.Client, TestGraphs.TemplateRequest("scalar-anomaly",
            new JsonObject { ["minimum"] = 0, ["maximum"] = 100, ["probationaryRecords"] = 200, ["seed"] = 7 }));
        var records = Series(300, seed: 5);

        var api = new List<JsonElement>();
        int next = 0;
        foreach (int size in new[] { 1, 7, 100, 92, 100 })
        {
            api.AddRange(await ProcessAsync(tenant.Client, id, records.Skip(next).Take(size)));
            next += size;
        }

        var (graph, errors) = GraphCompiler.Compile(ModelTemplates.Expand("scalar-anomaly", options));
        Assert.That(errors, Is.Empty);
        var engine = new PoolGraph(graph!.Plan.Parameters);
        bool fitted = false;
        for (int r = 0; r < records.Length; r++)
        {
            var pool = engine.Compute(Values(records[r], graph.Plan.FieldNames))[0];
            AssertHeadline(api[r], pool, r);
            var view = api[r].GetProperty("pools").GetProperty("main");
            AssertSamePool(view, pool, $"record {r}", sdrs: false);
            Assert.That(Ints(view.GetProperty("activeColumns")), Is.EqualTo(pool.ActiveColumns.Sparse.ToArray()), $"record {r} activeColumns");
            Assert.That(view.TryGetProperty("activeCells", out _), Is.False, "the template's outputs ask for active columns only");
            fitted |= pool.Likelihood != 0.5;
        }
        Assert.That(fitted, Is.True, "the likelihood leaves its probationary 0.5 within the run");
        var last = (await StateAsync(tenant.Client, id)).GetProperty("last").GetProperty("pools").GetProperty("main");
        AssertSamePool(last, engine.Pools[0].Result, "state", sdrs: true);
    }

    /// <summary>timestamp every 5 minutes, cpu a noisy wave in [0, 100], memory a slower one in [0, 50].</summary>
    private static JsonObject[] TwoMetricSeries(int count)
    {
        var cpu = Series(count, seed: 2);
        var memory = Series(count, seed: 3);
        return cpu.Select((r, i) => new JsonObject
        {
            ["timestamp"] = r["timestamp"]!.DeepClone(),
            ["cpu"] = r["value"]!.DeepClone(),
            ["memory"] = Math.Round(memory[(i / 3) % count]["value"]!.GetValue<double>() / 2, 3),
        }).ToArray();
    }

    // A record's values in the engine's field order, parsed as the API parses them.
    private static FieldValue[] Values(JsonObject record, IReadOnlyList<string> fieldNames) =>
        fieldNames.Select(name => record[name]!.GetValueKind() == JsonValueKind.String
            ? FieldValue.FromDateTime(DateTimeOffset.Parse(record[name]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime)
            : FieldValue.FromNumber(record[name]!.GetValue<double>())).ToArray();

    private static void AssertHeadline(JsonElement result, PoolResult pool, int r)
    {
        Assert.That(result.GetProperty("anomalyScore").GetDouble(), Is.EqualTo(pool.AnomalyScore), $"record {r} anomalyScore");
        Assert.That(result.GetProperty("rawAnomaly").GetDouble(), Is.EqualTo((double)pool.RawAnomaly), $"record {r} rawAnomaly");
        Assert.That(Likelihood(result), Is.EqualTo(pool.Likelihood), $"record {r} anomalyLikelihood");
    }

    private static void AssertSamePool(JsonElement view, PoolResult pool, string where, bool sdrs)
    {
        Assert.That(view.GetProperty("rawAnomaly").GetDouble(), Is.EqualTo((double)pool.RawAnomaly), $"{where} rawAnomaly");
        Assert.That(Likelihood(view), Is.EqualTo(pool.Likelihood), $"{where} anomalyLikelihood");
        Assert.That(view.GetProperty("anomalyScore").GetDouble(), Is.EqualTo(pool.AnomalyScore), $"{where} anomalyScore");
        if (sdrs)
        {
            Assert.That(Ints(view.GetProperty("activeColumns")), Is.EqualTo(pool.ActiveColumns.Sparse.ToArray()), $"{where} activeColumns");
            Assert.That(Ints(view.GetProperty("activeCells")), Is.EqualTo(pool.ActiveCells.ToArray()), $"{where} activeCells");
            Assert.That(Ints(view.GetProperty("winnerCells")), Is.EqualTo(pool.WinnerCells.ToArray()), $"{where} winnerCells");
            Assert.That(Ints(view.GetProperty("predictiveCells")), Is.EqualTo(pool.PredictiveCells.ToArray()), $"{where} predictiveCells");
        }
        if (pool.Predictions.Count > 0)
        {
            Assert.That(view.TryGetProperty("predictions", out var predictions), Is.True, $"{where} predictions");
            var expected = pool.Predictions.Select(p => (p.Steps, double.IsNaN(p.BestValue) ? (double?)null : p.BestValue, p.BestProbability));
            var actual = predictions.EnumerateArray().Select(p => (
                p.GetProperty("steps").GetInt32(),
                p.GetProperty("value").ValueKind == JsonValueKind.Null ? (double?)null : p.GetProperty("value").GetDouble(),
                p.GetProperty("probability").GetDouble()));
            Assert.That(actual, Is.EqualTo(expected), $"{where} predictions");
        }
    }

    // NaN (likelihood off) is left out of the JSON.
    private static double Likelihood(JsonElement view) =>
        view.TryGetProperty("anomalyLikelihood", out var value) ? value.GetDouble() : double.NaN;

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
