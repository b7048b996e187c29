using System.Text.Json;
using HtmCloud.Cli.Tests.Hosting;
using HtmCloud.Client.Tests.Hosting;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Cli.Tests.Commands;

public sealed class ResultsCommandTests
{
    [Test]
    public async Task Follow_PrintsEachNewState_AsRecordsArrive()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        var account = await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);
        using var sdk = ApiSetUp.Api.Client(account.ApiKey);

        using var follow = user.Start("results", "--model", model.Id.ToString(), "--follow", "--interval", "0.2", "--json");
        try
        {
            var first = await ReadStateAsync(follow);
            await sdk.Records.SendAsync(model.Id, Samples.Records(7));
            var second = await ReadStateAsync(follow);

            Assert.That(first.RecordsProcessed, Is.Zero);
            Assert.That(second.RecordsProcessed, Is.EqualTo(7));
            Assert.That(second.Last!.Seq, Is.EqualTo(7));
        }
        finally
        {
            follow.Kill();
        }
    }

    [Test]
    public async Task Results_OfAnUnknownModel_Exits4()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);

        var result = await user.RunAsync("results", "--model", Guid.NewGuid().ToString());

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
    }

    private static async Task<ModelStateView> ReadStateAsync(System.Diagnostics.Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null) Assert.Fail($"the tool ended early: {await process.StandardError.ReadToEndAsync()}");
        return JsonSerializer.Deserialize<ModelStateView>(line!, HtmJson.Options)!;
    }
}
