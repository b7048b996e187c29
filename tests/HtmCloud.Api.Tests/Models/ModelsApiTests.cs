using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Hosting;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Models;

/// <summary>The models lifecycle through the API on each storage: create, list, get, stream, state, delete, isolation.</summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class ModelsApiTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task TemplateModel_Streams500RecordsInBatchesOf100_SeqInOrder_WithScoresAndSdrs()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateAsync(tenant.Client, TestGraphs.TemplateRequest("scalar-anomaly", new JsonObject { ["minimum"] = 0, ["maximum"] = 100 }, "cpu"));
        var records = Series(500);

        var results = new List<JsonElement>();
        for (int batch = 0; batch < 5; batch++)
            results.AddRange(await ProcessAsync(tenant.Client, id, records.Skip(batch * 100).Take(100)));

        Assert.That(Seqs(results), Is.EqualTo(Range(1, 500)));
        for (int i = 0; i < results.Count; i++)
        {
            var result = results[i];
            Assert.That(result.GetProperty("timestamp").GetDateTime(), Is.EqualTo(Start.AddMinutes(5 * i)), $"record {i}");
            Assert.That(result.GetProperty("anomalyScore").GetDouble(), Is.InRange(0.0, 1.0), $"record {i}");
            Assert.That(result.GetProperty("rawAnomaly").GetDouble(), Is.InRange(0.0, 1.0), $"record {i}");
            // The template's probationary period is 750 records: the likelihood is still learning.
            Assert.That(result.GetProperty("anomalyLikelihood").GetDouble(), Is.EqualTo(0.5), $"record {i}");
            var main = result.GetProperty("pools").GetProperty("main");
            Assert.That(main.GetProperty("activeColumns").GetArrayLength(), Is.EqualTo(40), $"record {i}: 40 active columns of 2048");
            Assert.That(main.GetProperty("activeColumns").EnumerateArray().Select(c => c.GetInt32()), Is.Ordered.Ascending.And.All.InRange(0, 2047));
        }
        Assert.That(results.Skip(10).Average(r => r.GetProperty("rawAnomaly").GetDouble()), Is.LessThan(0.9), "the model learns the wave");

        var state = await StateAsync(tenant.Client, id);
        Assert.That(state.GetProperty("recordsProcessed").GetInt64(), Is.EqualTo(500));
        var last = state.GetProperty("last");
        Assert.That(last.GetProperty("seq").GetInt64(), Is.EqualTo(500));
        var lastMain = last.GetProperty("pools").GetProperty("main");
        Assert.That(lastMain.GetProperty("activeColumns").GetRawText(), Is.EqualTo(results[^1].GetProperty("pools").GetProperty("main").GetProperty("activeColumns").GetRawText()));
        Assert.That(lastMain.GetProperty("activeCells").GetArrayLength(), Is.GreaterThanOrEqualTo(40), "state carries every SDR");
        Assert.That(lastMain.GetProperty("winnerCells").GetArrayLength(), Is.GreaterThanOrEqualTo(40), "one winner per active column at least");
        Assert.That(lastMain.TryGetProperty("predictiveCells", out _), Is.True);
    }

    [Test]
    public async Task CreateModel_FromGraph_IsListedAndReadBack_WithItsGraph()
    {
        var tenant = await Host.SignUpAsync();
        var graph = TestGraphs.Small();

        using var created = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(graph, "first")));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var view = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = view.GetProperty("id").GetGuid();
        var second = await CreateAsync(tenant.Client, TestGraphs.TemplateRequest("multi-field-group", name: "second"));

        Assert.That(view.GetProperty("name").GetString(), Is.EqualTo("first"));
        Assert.That(view.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        var echoed = view.GetProperty("graph");
        Assert.That(echoed.GetProperty("pools")[0].GetProperty("spatialPooler").GetProperty("columnDimensions").GetRawText(), Is.EqualTo("[128]"));
        Assert.That(echoed.GetProperty("fields")[0].GetProperty("type").GetString(), Is.EqualTo("dateTime"));
        Assert.That(echoed.GetProperty("requireIncreasingTimestamps").GetBoolean(), Is.True);

        using var get = await tenant.Client.GetAsync($"/v1/models/{id}");
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var read = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.That(read.GetProperty("graph").GetRawText(), Is.EqualTo(echoed.GetRawText()), "the stored graph reads back as created");
        Assert.That(read.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(view.GetProperty("createdAt").GetDateTimeOffset()).Within(TimeSpan.FromMilliseconds(1)));

        using var list = await tenant.Client.GetAsync("/v1/models");
        var models = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
        Assert.That(models.Select(m => m.GetProperty("id").GetGuid()), Is.EqualTo(new[] { id, second }));
        Assert.That(models.Select(m => m.GetProperty("name").GetString()), Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public async Task ModelName_InAnyScript_IsReadBackAsSent()
    {
        var tenant = await Host.SignUpAsync();
        const string name = "Überwachung 監視 😀 \"quoted\" \\ / <b>";

        var id = await CreateAsync(tenant.Client, TestGraphs.CreateRequest(TestGraphs.Small(), name));

        using var get = await tenant.Client.GetAsync($"/v1/models/{id}");
        Assert.That(JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString(), Is.EqualTo(name));
    }

    [Test]
    public async Task ModelName_WithANulCharacter_Is400_OnEveryStorage()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(TestGraphs.Small(), "cpu\u0000load")));

        await ProblemAssert.IsValidationProblemAsync(response, "name");
    }

    [Test]
    public async Task TemplateModel_ShowsItsExpandedGraph()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.PostAsync("/v1/models", Json(TestGraphs.TemplateRequest("multi-field-group", new JsonObject { ["maximum"] = 10 })));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var graph = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("graph");
        Assert.That(graph.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()), Is.EqualTo(new[] { "timestamp", "cpu", "memory" }));
        Assert.That(graph.GetProperty("pools").EnumerateArray().Select(p => p.GetProperty("group").GetString()), Is.EqualTo(new[] { "host", "host" }));
    }

    [Test]
    public async Task Templates_AreListed()
    {
        var tenant = await Host.SignUpAsync();

        using var response = await tenant.Client.GetAsync("/v1/templates");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var names = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(n => n.GetString());
        Assert.That(names, Is.EquivalentTo(new[] { "scalar-anomaly", "multi-field-group" }));
    }

    [Test]
    public async Task ModelsEndpoints_WithoutAKey_Are401Problems()
    {
        using var anonymous = Host.CreateClient();

        using var list = await anonymous.GetAsync("/v1/models");
        using var create = await anonymous.PostAsync("/v1/models", Json(TestGraphs.CreateRequest(TestGraphs.Small())));
        using var records = await anonymous.PostAsync($"/v1/models/{Guid.NewGuid()}/records", Json("{\"records\":[]}"));

        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(records, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task OtherTenantsModel_Is404OnEveryEndpoint_AndNotListed_AndUntouched()
    {
        var owner = await Host.SignUpAsync();
        var other = await Host.SignUpAsync();
        var id = await CreateSmallAsync(owner.Client);
        await ProcessAsync(owner.Client, id, Series(3));
        var stateBefore = (await StateAsync(owner.Client, id)).GetRawText();
        var otherOwn = await CreateSmallAsync(other.Client);
        var ndjson = new StringContent(Record(Start.AddDays(1), 1).ToJsonString() + "\n", Encoding.UTF8);
        ndjson.Headers.ContentType = new MediaTypeHeaderValue(Ndjson);

        using var get = await other.Client.GetAsync($"/v1/models/{id}");
        using var records = await PostRecordsAsync(other.Client, id, [Record(Start.AddDays(1), 1)]);
        using var stream = await other.Client.PostAsync($"/v1/models/{id}/records", ndjson);
        using var state = await other.Client.GetAsync($"/v1/models/{id}/state");
        using var png = await other.Client.GetAsync($"/v1/models/{id}/state.png");
        using var delete = await other.Client.DeleteAsync($"/v1/models/{id}");
        using var list = await other.Client.GetAsync("/v1/models");

        foreach (var response in new[] { get, records, stream, state, png, delete })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetGuid());
        Assert.That(listed, Is.EqualTo(new[] { otherOwn }));
        using var stillThere = await owner.Client.GetAsync($"/v1/models/{id}");
        Assert.That(stillThere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await StateAsync(owner.Client, id)).GetRawText(), Is.EqualTo(stateBefore), "the other tenant's records never reached the model");
    }

    [Test]
    public async Task UnknownModelId_Is404OnEveryEndpoint()
    {
        var tenant = await Host.SignUpAsync();
        var id = Guid.NewGuid();

        using var get = await tenant.Client.GetAsync($"/v1/models/{id}");
        using var records = await PostRecordsAsync(tenant.Client, id, [Record(Start, 1)]);
        using var state = await tenant.Client.GetAsync($"/v1/models/{id}/state");
        using var png = await tenant.Client.GetAsync($"/v1/models/{id}/state.png");
        using var delete = await tenant.Client.DeleteAsync($"/v1/models/{id}");

        foreach (var response in new[] { get, records, state, png, delete })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task DeleteModel_AfterRecords_Is204_ThenEveryEndpointIs404()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var kept = await CreateSmallAsync(tenant.Client);
        await ProcessAsync(tenant.Client, id, Series(20));

        using var delete = await tenant.Client.DeleteAsync($"/v1/models/{id}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var get = await tenant.Client.GetAsync($"/v1/models/{id}");
        using var records = await PostRecordsAsync(tenant.Client, id, [Record(Start.AddDays(1), 1)]);
        using var state = await tenant.Client.GetAsync($"/v1/models/{id}/state");
        using var png = await tenant.Client.GetAsync($"/v1/models/{id}/state.png");
        using var again = await tenant.Client.DeleteAsync($"/v1/models/{id}");
        foreach (var response in new[] { get, records, state, png, again })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        using var list = await tenant.Client.GetAsync("/v1/models");
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetGuid());
        Assert.That(listed, Is.EqualTo(new[] { kept }));
    }

    [Test]
    public async Task DeleteModel_ThatNeverSawARecord_Is204()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);

        using var delete = await tenant.Client.DeleteAsync($"/v1/models/{id}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        using var get = await tenant.Client.GetAsync($"/v1/models/{id}");
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task DeleteModel_WhoseStateWasReadButNeverFed_Is204()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.Zero);

        using var delete = await tenant.Client.DeleteAsync($"/v1/models/{id}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task StatePng_IsAPng_OfNonTrivialSize_BeforeAndAfterRecords()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateAsync(tenant.Client, TestGraphs.CreateRequest(TestGraphs.GroupAndHierarchy()));

        using var before = await tenant.Client.GetAsync($"/v1/models/{id}/state.png");
        var empty = await before.Content.ReadAsByteArrayAsync();
        await ProcessAsync(tenant.Client, id, Series(30).Select(r => new JsonObject { ["timestamp"] = r["timestamp"]!.DeepClone(), ["cpu"] = r["value"]!.DeepClone(), ["memory"] = 3.0 }));
        using var after = await tenant.Client.GetAsync($"/v1/models/{id}/state.png");
        var png = await after.Content.ReadAsByteArrayAsync();

        foreach (var (response, bytes) in new[] { (before, empty), (after, png) })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
            Assert.That(bytes.Length, Is.GreaterThan(200));
            Assert.That(Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"));
            Assert.That(Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4), Is.EqualTo("IEND"));
        }
        // Three pools of 256, 192 and 128 columns side by side: 16×4 + 14×4 + 12×4 pixels plus two 8-pixel gaps.
        Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(64 + 56 + 48 + 16));
        Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), Is.EqualTo(64));
        Assert.That(png, Is.Not.EqualTo(empty), "active columns are drawn after records");
    }
}
