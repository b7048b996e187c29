using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Hosting;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Models;

/// <summary>
/// Refused model requests: every mistake of a graph at once under its JSON path, templates, names, caps.
/// Validation happens before storage is touched, so one storage is enough; the caps are set low here.
/// </summary>
[TestFixture(TestStorage.Sqlite)]
public sealed class ModelValidationTests(TestStorage storage) : ApiFixture(storage)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Models:MaxModelsPerTenant"] = "3",
        ["Models:MaxRecordsPerBatch"] = "20",
    };

    [Test]
    public async Task GraphWithManyMistakes_Is400_NamingEveryPathAtOnce()
    {
        var tenant = await Host.SignUpAsync();
        var graph = TestGraphs.Small();
        var main = graph["pools"]![0]!;
        main["temporalMemory"]!["cellsPerColumn"] = 0;
        main["spatialPooler"]!["potentialPct"] = 2;
        main["encoders"]![0]!["name"] = "nope";
        var pools = graph["pools"]!.AsArray();
        for (int i = 1; i <= 8; i++) pools.Add(JsonNode.Parse(TestGraphs.SmallPool($"extra{i}", "value", i)));
        pools[1]!["spatialPooler"]!["columnDimensions"] = new JsonArray(20_000);
        graph["outputs"]!["anomalyPool"] = "nobody";
        graph["timestampField"] = "value";

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(graph)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()).ToArray());
        Assert.That(errors.Keys, Is.SupersetOf(new[]
        {
            "graph.pools[0].temporalMemory.cellsPerColumn",
            "graph.pools[0].spatialPooler.potentialPct",
            "graph.pools[0].encoders[0].name",
            "graph.pools",
            "graph.pools[1].spatialPooler.columnDimensions",
            "graph.outputs.anomalyPool",
            "graph.timestampField",
        }), problem.ToString());
        Assert.That(errors["graph.pools[0].temporalMemory.cellsPerColumn"], Has.Some.Contains("1..128"));
        Assert.That(errors["graph.pools[0].spatialPooler.potentialPct"], Has.Some.Contains("(0, 1]"));
        Assert.That(errors["graph.pools[0].encoders[0].name"], Has.Some.Contains("'nope'"));
        Assert.That(errors["graph.pools"], Has.Some.Contains("at most 8"));
        Assert.That(errors["graph.pools[1].spatialPooler.columnDimensions"], Has.Some.Contains("16384"));
        using var list = await tenant.Client.GetAsync("/v1/models");
        Assert.That(await list.Content.ReadAsStringAsync(), Is.EqualTo("[]"), "nothing was created");
    }

    [Test]
    public async Task GraphWithEngineMistakesOnly_Is400_NamingEachOne()
    {
        var tenant = await Host.SignUpAsync();
        var graph = TestGraphs.GroupAndHierarchy();
        graph["pools"]![0]!["temporalMemory"]!["minThreshold"] = 9;
        graph["pools"]![1]!["encoders"]![0]!["rdse"]!["resolution"] = -1;
        graph["pools"]![2]!["input"]!["pool"] = "missing";
        graph["pools"]![2]!["likelihood"]!["averagingWindow"] = 0;

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(graph)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var keys = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();
        Assert.That(keys, Is.SupersetOf(new[]
        {
            "graph.pools[0].temporalMemory.minThreshold",
            "graph.pools[1].encoders[0].rdse.resolution",
            "graph.pools[2].input.pool",
            "graph.pools[2].likelihood.averagingWindow",
        }), problem.ToString());
    }

    [TestCase("outputs")]
    [TestCase("fields")]
    [TestCase("pools")]
    public async Task GraphSectionSetToNull_Is400_NamingIt(string section)
    {
        // A null section must be refused up front; "outputs": null used to create a model whose records were all 500s.
        var tenant = await Host.SignUpAsync();
        var graph = TestGraphs.Small();
        graph[section] = null;

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(graph)));

        await ProblemAssert.IsValidationProblemAsync(response, "graph." + section);
    }

    [TestCase("{\"name\":\"m\",\"graph\":{\"fields\":[],\"pools\":[],\"bogus\":1}}", "bogus")]
    [TestCase("{\"name\":\"m\",\"graph\":{\"pools\":[{\"name\":\"p\",\"spatialPooler\":{\"columnDimension\":[64]}}]}}", "columnDimension")]
    [TestCase("{\"name\":\"m\",\"template\":\"scalar-anomaly\",\"templateOptions\":{\"max\":5}}", "max")]
    [TestCase("{\"name\":\"m\",\"template\":\"scalar-anomaly\",\"color\":\"red\"}", "color")]
    public async Task UnknownProperty_Is400_NamingIt(string body, string property)
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models", Json(body));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(property), problem.ToString());
    }

    [TestCase("{\"name\":\"m\",\"graph\":{\"pools\":[{\"name\":\"p\",\"temporalMemory\":{\"cellsPerColumn\":\"8\"}}]}}", "graph.pools[0].temporalMemory.cellsPerColumn")]
    [TestCase("{\"name\":\"m\",\"graph\":{\"fields\":[{\"name\":\"v\",\"type\":\"decimal\"}]}}", "graph.fields[0].type")]
    [TestCase("{\"name\":\"m\",\"graph\":{\"version\":1e40}}", "graph.version")]
    [TestCase("{\"name\":7,\"template\":\"scalar-anomaly\"}", "name")]
    public async Task WrongJsonType_Is400_NamingThePath(string body, string path)
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models", Json(body));

        await ProblemAssert.IsValidationProblemAsync(response, path);
    }

    [Test]
    public async Task UnknownTemplate_Is400_ListingTheTemplates()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.TemplateRequest("scalar-anomaly-v2")));

        var messages = await ProblemAssert.IsValidationProblemAsync(response, "template");
        Assert.That(messages, Has.Some.Contains("scalar-anomaly").And.Some.Contains("multi-field-group"));
    }

    [Test]
    public async Task TemplateAndGraphTogether_Is400()
    {
        var tenant = await Host.SignUpAsync();
        var request = TestGraphs.TemplateRequest("scalar-anomaly");
        request["graph"] = TestGraphs.Small();

        using var response = await tenant.Client.PostAsync("/v1/models", Json(request));

        var messages = await ProblemAssert.IsValidationProblemAsync(response, "template");
        Assert.That(messages, Has.Some.Contains("exactly one"));
    }

    [Test]
    public async Task NeitherTemplateNorGraph_Is400()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models", Json("{\"name\":\"m\"}"));

        await ProblemAssert.IsValidationProblemAsync(response, "template");
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public async Task BlankName_Is400(string? name)
    {
        var tenant = await Host.SignUpAsync();
        var request = TestGraphs.CreateRequest(TestGraphs.Small());
        request["name"] = name;

        using var response = await tenant.Client.PostAsync("/v1/models", Json(request));

        await ProblemAssert.IsValidationProblemAsync(response, "name");
    }

    [Test]
    public async Task NameOver200Characters_Is400()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(TestGraphs.Small(), new string('n', 201))));

        await ProblemAssert.IsValidationProblemAsync(response, "name");
    }

    [Test]
    public async Task TemplateOptionsTheEncoderCannotTake_Is400_OnTemplateOptions()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models",
            Json(TestGraphs.TemplateRequest("scalar-anomaly", new JsonObject { ["minimum"] = -1e308, ["maximum"] = 1e308 })));

        var messages = await ProblemAssert.IsValidationProblemAsync(response, "templateOptions");
        Assert.That(messages, Has.Some.Contains("resolution"));
    }

    [Test]
    public async Task ModelsOverTheTenantCap_Are400_AndDeletingMakesRoom()
    {
        var tenant = await Host.SignUpAsync();
        var ids = new List<Guid>();
        for (int i = 0; i < 3; i++) ids.Add(await CreateSmallAsync(tenant.Client));

        using var fourth = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(TestGraphs.Small())));
        var messages = await ProblemAssert.IsValidationProblemAsync(fourth, "name");
        Assert.That(messages, Has.Some.Contains("3 models"));
        var otherTenant = await Host.SignUpAsync();
        await CreateSmallAsync(otherTenant.Client);
        using (var deleted = await tenant.Client.DeleteAsync($"/v1/models/{ids[0]}"))
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await CreateSmallAsync(tenant.Client);
    }

    [Test]
    public async Task RecordBatchOverTheCap_OrEmpty_Is400_AndNothingIsLearned()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);

        using var tooMany = await PostRecordsAsync(tenant.Client, id, Series(21));
        using var none = await PostRecordsAsync(tenant.Client, id, []);
        using var missing = await tenant.Client.PostAsync($"/v1/models/{id}/records", Json("{}"));
        using var nullRecords = await tenant.Client.PostAsync($"/v1/models/{id}/records", Json("{\"records\":null}"));

        Assert.That(await ProblemAssert.IsValidationProblemAsync(tooMany, "records"), Has.Some.Contains("at most 20"));
        await ProblemAssert.IsValidationProblemAsync(none, "records");
        await ProblemAssert.IsValidationProblemAsync(missing, "records");
        await ProblemAssert.IsProblemAsync(nullRecords, HttpStatusCode.BadRequest);
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.Zero);
        Assert.That(Seqs(await ProcessAsync(tenant.Client, id, Series(20))), Is.EqualTo(Range(1, 20)), "exactly the cap is fine");
    }

    [Test]
    public async Task RecordsAsPlainText_Is415Problem()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);

        using var response = await tenant.Client.PostAsync($"/v1/models/{id}/records", new StringContent("value=1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task IdempotencyKeyOver200Characters_Is400()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);

        using var response = await PostRecordsAsync(tenant.Client, id, Series(1), new string('k', 201));

        await ProblemAssert.IsValidationProblemAsync(response, "Idempotency-Key");
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.Zero);
    }

    [Test]
    public async Task CreatedGraph_KeepsDefaultsForWhatWasLeftOut()
    {
        var tenant = await Host.SignUpAsync();
        var graph = TestGraphs.Small();
        graph.Remove("outputs");
        graph.Remove("requireIncreasingTimestamps");

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(graph)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("graph");
        Assert.That(view.GetProperty("outputs").GetProperty("activeColumns").GetBoolean(), Is.True);
        Assert.That(view.GetProperty("requireIncreasingTimestamps").GetBoolean(), Is.False);
        Assert.That(view.GetProperty("version").GetInt32(), Is.EqualTo(1));
    }
}
