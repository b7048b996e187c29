using System.Text.Json;
using HtmCloud.Cli.Tests.Hosting;
using HtmCloud.Client.Tests.Hosting;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Cli.Tests.Commands;

public sealed class StreamCommandTests
{
    [Test]
    public async Task SignupCreateStream_ThenResults_MatchWhatTheApiAnswers()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        var account = await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);
        string csv = CsvFiles.Write(user.PathOf("cpu.csv"), 300);

        var streamed = await user.RunAsync("stream", csv, "--model", model.Id.ToString(), "--batch", "120", "--json", "--out", user.PathOf("out.ndjson"));
        var results = await user.RunAsync("results", "--model", model.Id.ToString(), "--json");

        // The same records through the SDK, to a twin model: HTM is deterministic, so the answers must agree.
        using var sdk = ApiSetUp.Api.Client(account.ApiKey);
        var twin = await sdk.Models.CreateFromTemplateAsync("twin", Samples.Template, Samples.Options);
        var expected = new List<RecordResult>();
        foreach (var chunk in Samples.Records(300).Chunk(120)) expected.AddRange((await sdk.Records.SendAsync(twin.Id, chunk)).Results);
        var state = await sdk.Records.GetStateAsync(model.Id);

        Assert.That(streamed.ExitCode, Is.Zero, streamed.ToString());
        var lines = streamed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cliResults = lines.Select(l => JsonSerializer.Deserialize<RecordResult>(l, HtmJson.Options)!).ToList();
        Assert.That(ResultJson.Of(cliResults), Is.EqualTo(ResultJson.Of(expected)));
        Assert.That(File.ReadAllLines(user.PathOf("out.ndjson")), Is.EqualTo(lines));
        Assert.That(Reserialize(CliUser.Json<ModelStateView>(results)), Is.EqualTo(Reserialize(state)));
        Assert.That(state.RecordsProcessed, Is.EqualTo(300));
    }

    [Test]
    public async Task Stream_WithoutJson_PrintsASummaryAndTheAnomalies()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);

        var result = await user.RunAsync("stream", CsvFiles.Write(user.PathOf("cpu.csv"), 200), "--model", model.Id.ToString(), "--threshold", "0.5");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StdOut, Does.Contain($"Sent 200 records to model {model.Id} in 1 batch(es)"));
        Assert.That(result.StdOut, Does.Contain("Anomalies (likelihood ≥ 0.5)"));
        Assert.That(result.StdErr, Is.Empty);
    }

    [Test]
    public async Task Stream_OfAMissingFile_Exits2_SayingSo()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);

        var result = await user.RunAsync("stream", "nowhere.csv", "--model", model.Id.ToString());

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StdErr, Does.StartWith("htmcloud: CSV file ").And.Contain("nowhere.csv' does not exist"));
        Assert.That(result.StdOut, Is.Empty);
    }

    [Test]
    public async Task Stream_OfAFileWithABadCell_Exits5_NamingLineAndColumn_AndSendsNothing()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        var account = await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);
        string csv = user.PathOf("bad.csv");
        File.WriteAllText(csv, "timestamp,value\n2026-01-01T00:00:00Z,1.5\n2026-01-01T00:05:00Z,abc\n");

        var result = await user.RunAsync("stream", csv, "--model", model.Id.ToString());

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.StdErr.Trim(), Is.EqualTo("htmcloud: bad.csv line 3, column 'value': 'abc' is not a number"));
        using var sdk = ApiSetUp.Api.Client(account.ApiKey);
        Assert.That((await sdk.Records.GetStateAsync(model.Id)).RecordsProcessed, Is.Zero);
    }

    [Test]
    public async Task Stream_OfAFileWithoutAFieldsColumn_Exits5_NamingTheColumn()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var model = await CliUser.CreateModelAsync(user);
        string csv = user.PathOf("wrong.csv");
        File.WriteAllText(csv, "timestamp,cpu\n2026-01-01T00:00:00Z,1.5\n");

        var result = await user.RunAsync("stream", csv, "--model", model.Id.ToString());

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.StdErr, Does.Contain("wrong.csv has no column 'value'"));
    }

    [Test]
    public async Task Stream_ToAnUnknownModel_Exits4_NamingIt()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        var unknown = Guid.NewGuid();

        var result = await user.RunAsync("stream", CsvFiles.Write(user.PathOf("cpu.csv"), 5), "--model", unknown.ToString());

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StdErr.Trim(), Is.EqualTo($"htmcloud: model {unknown} not found (404)"));
    }

    private static string Reserialize<T>(T value) => JsonSerializer.Serialize(value, HtmJson.Options);
}
