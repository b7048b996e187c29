using System.Text.Json;
using HtmCloud.Cli.Tests.Hosting;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Cli.Tests.Commands;

public sealed class ModelsCommandTests
{
    [Test]
    public async Task CreateListShowDelete_ManageAModel()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);

        var model = await CliUser.CreateModelAsync(user, "cpu");
        var listed = CliUser.Json<ModelSummary[]>(await user.RunAsync("models", "list", "--json"));
        var shown = await user.RunAsync("models", "show", model.Id.ToString());
        var deleted = await user.RunAsync("models", "delete", model.Id.ToString());
        var gone = await user.RunAsync("models", "show", model.Id.ToString());

        Assert.That(listed.Select(m => m.Id), Is.EqualTo(new[] { model.Id }));
        Assert.That(shown.StdOut, Does.Contain("timestamp (dateTime), value (number)"));
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
        Assert.That(gone.ExitCode, Is.EqualTo(4), gone.ToString());
    }

    [Test]
    public async Task Create_FromAGraphFile_UsesTheFilesGraph()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var template = await CliUser.CreateModelAsync(user, "template");
        string file = user.PathOf("graph.json");
        File.WriteAllText(file, JsonSerializer.Serialize(template.Graph, HtmJson.Options));

        var created = CliUser.Json<ModelView>(await user.RunAsync("models", "create", "--file", file, "--json"));

        Assert.That(created.Name, Is.EqualTo("graph"));
        Assert.That(JsonSerializer.Serialize(created.Graph, HtmJson.Options), Is.EqualTo(JsonSerializer.Serialize(template.Graph, HtmJson.Options)));
    }

    [Test]
    public async Task Create_FromAnInvalidGraph_Exits5_WithTheServersJsonPaths()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        string file = user.PathOf("graph.json");
        File.WriteAllText(file, """{"version":1,"fields":[],"pools":[]}""");

        var result = await user.RunAsync("models", "create", "--file", file);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.StdErr, Does.StartWith("htmcloud: ").And.Contain("  graph."));
    }

    [Test]
    public async Task Create_WithAnUnknownTemplate_Exits5()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);

        var result = await user.RunAsync("models", "create", "--template", "nope");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.StdErr, Does.Contain("template: must be one of"));
    }

    [Test]
    public async Task Templates_ListScalarAnomaly()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);

        var result = await user.RunAsync("models", "templates");

        Assert.That(result.StdOut, Does.Contain("scalar-anomaly"));
    }
}
