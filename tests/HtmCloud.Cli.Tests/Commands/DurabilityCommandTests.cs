using HtmCloud.Cli.Tests.Hosting;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Cli.Tests.Commands;

public sealed class DurabilityCommandTests
{
    [Test]
    public async Task CheckpointsCreateListRestore_AndExportImport_Work()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);
        string id = model.Id.ToString();
        Assert.That((await user.RunAsync("stream", CsvFiles.Write(user.PathOf("a.csv"), 30), "--model", id)).ExitCode, Is.Zero);

        var checkpoint = CliUser.Json<CheckpointView>(await user.RunAsync("checkpoints", "create", "--model", id, "--json"));
        await user.RunAsync("stream", CsvFiles.Write(user.PathOf("b.csv"), 10, start: 30), "--model", id);
        var listed = CliUser.Json<CheckpointView[]>(await user.RunAsync("checkpoints", "list", "--model", id, "--json"));
        var unconfirmed = await user.RunAsync("checkpoints", "restore", "--model", id, "--checkpoint", checkpoint.Id.ToString());
        var restored = await user.RunAsync("checkpoints", "restore", "--model", id, "--checkpoint", checkpoint.Id.ToString(), "--yes");
        var state = CliUser.Json<ModelStateView>(await user.RunAsync("results", "--model", id, "--json"));
        var exported = await user.RunAsync("export", "--model", id, "-o", user.PathOf("cpu.htmmodel"));
        var imported = CliUser.Json<ModelView>(await user.RunAsync("import", user.PathOf("cpu.htmmodel"), "--json"));
        var copyState = CliUser.Json<ModelStateView>(await user.RunAsync("results", "--model", imported.Id.ToString(), "--json"));

        Assert.That(checkpoint.Seq, Is.EqualTo(30));
        Assert.That(listed.Select(c => c.Id), Does.Contain(checkpoint.Id));
        Assert.That(unconfirmed.ExitCode, Is.EqualTo(2), unconfirmed.ToString());
        Assert.That(unconfirmed.StdErr, Does.Contain("--yes"));
        Assert.That(restored.ExitCode, Is.Zero, restored.ToString());
        Assert.That(state.RecordsProcessed, Is.EqualTo(30));
        Assert.That(exported.ExitCode, Is.Zero, exported.ToString());
        Assert.That(imported.Name, Is.EqualTo("cpu"));
        Assert.That(copyState.RecordsProcessed, Is.EqualTo(30));
    }

    [Test]
    public async Task Import_OfAFileThatIsNoExport_Exits5()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        File.WriteAllText(user.PathOf("x.htmmodel"), "not a model");

        var result = await user.RunAsync("import", user.PathOf("x.htmmodel"));

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.StdErr, Does.Contain("body: is not an HtmCloud model export"));
    }
}
