using System.Net;
using System.Text.Json;
using HtmCloud.Api.Tests.Hosting;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// Export from one server, import into a second server with its own database (this fixture's storage → a fresh
/// SQLite file): the next 1,000 results of the copy equal those of the original, seq included.
/// </summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class ExportImportTests(TestStorage storage) : ApiFixture(storage)
{
    [TestCase("one-pool")]
    [TestCase("group-and-hierarchy")]
    public async Task ExportedModel_ImportedIntoAnotherServer_GivesTheSameNext1000Results(string graph)
    {
        var document = graph == "one-pool" ? OnePool() : GroupAndHierarchy();
        var owner = await Host.SignUpAsync();
        var model = await CreateModelAsync(owner.Client, document, "exported");
        var records = Series(1200, seed: graph.Length);
        await FeedAsync(owner.Client, model, records[..200], 100);

        using var exported = await owner.Client.GetAsync($"/v1/models/{model}/export");
        Assert.That(exported.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(exported.Content.Headers.ContentType?.MediaType, Is.EqualTo(ExportContentType));
        Assert.That(exported.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("exported-200.htmmodel"));
        var file = await exported.Content.ReadAsByteArrayAsync();

        await using var second = await ApiHost.StartAsync(TestStorage.Sqlite);
        var importer = await second.SignUpAsync();
        using var imported = await ImportAsync(importer.Client, file);
        string body = await imported.Content.ReadAsStringAsync();
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var view = JsonDocument.Parse(body).RootElement;
        var copy = view.GetProperty("id").GetGuid();
        Assert.That(view.GetProperty("name").GetString(), Is.EqualTo("exported"));
        Assert.That(view.GetProperty("graph").GetProperty("pools").GetArrayLength(), Is.EqualTo(document["pools"]!.AsArray().Count));
        Assert.That(await RecordsProcessedAsync(importer.Client, copy), Is.EqualTo(200));
        Assert.That((await ListCheckpointsAsync(importer.Client, copy)).Select(c => c.GetProperty("seq").GetInt64()), Is.EqualTo(new[] { 200L }));

        var fromCopy = await FeedAsync(importer.Client, copy, records[200..], 100);
        var fromOriginal = await FeedAsync(owner.Client, model, records[200..], 100);

        Assert.That(Seqs(fromCopy), Is.EqualTo(Range(201, 1200)));
        AssertIdentical(fromCopy, fromOriginal, "imported copy on a second server vs the original");
    }
}
