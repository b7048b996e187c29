using System.Net;
using HtmCloud.Client.Errors;
using HtmCloud.Client.Tests.Hosting;
using HtmCloud.Contracts.Graphs;

namespace HtmCloud.Client.Tests.Models;

public sealed class ModelsClientTests
{
    [Test]
    public async Task Templates_IncludeScalarAnomaly()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        Assert.That(await client.Models.ListTemplatesAsync(), Does.Contain(Samples.Template));
    }

    [Test]
    public async Task CreateFromTemplate_ThenGetAndList_ShowTheExpandedGraph()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        var created = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        var fetched = await client.Models.GetAsync(created.Id);
        var listed = await client.Models.ListAsync();

        Assert.That(fetched.Name, Is.EqualTo("cpu"));
        Assert.That(fetched.Graph.Fields.Select(f => (f.Name, f.Type)), Is.EqualTo(new[] { ("timestamp", GraphFieldType.DateTime), ("value", GraphFieldType.Number) }));
        Assert.That(listed.Select(m => m.Id), Is.EqualTo(new[] { created.Id }));
    }

    [Test]
    public async Task CreateFromGraph_TakesAGraphDocument()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var template = await client.Models.CreateFromTemplateAsync("template", Samples.Template, Samples.Options);

        var copy = await client.Models.CreateFromGraphAsync("copy", template.Graph);

        Assert.That(copy.Graph.Pools.Select(p => p.Name), Is.EqualTo(template.Graph.Pools.Select(p => p.Name)));
    }

    [Test]
    public async Task Create_WithAnUnknownTemplate_Throws400_NamingTheField()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Models.CreateFromTemplateAsync("x", "no-such-template")))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Errors["template"][0], Does.Contain(Samples.Template));
    }

    [Test]
    public async Task Create_WithABadGraph_Throws400_WithJsonPaths()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var good = (await client.Models.CreateFromTemplateAsync("good", Samples.Template, Samples.Options)).Graph;
        var bad = good with { Pools = [good.Pools[0] with { Name = "" }] };

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Models.CreateFromGraphAsync("bad", bad)))!;

        Assert.That(error.Errors.Keys, Has.Some.StartWith("graph.pools[0]"));
    }

    [Test]
    public async Task Delete_RemovesTheModel_ThenGetThrows404()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("gone", Samples.Template, Samples.Options);

        await client.Models.DeleteAsync(model.Id);

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Models.GetAsync(model.Id)))!;
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await client.Models.ListAsync(), Is.Empty);
    }
}
