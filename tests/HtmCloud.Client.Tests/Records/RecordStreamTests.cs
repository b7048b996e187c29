using System.Net;
using System.Runtime.CompilerServices;
using HtmCloud.Client.Errors;
using HtmCloud.Client.Tests.Hosting;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Tests.Records;

public sealed class RecordStreamTests
{
    [Test]
    public async Task Stream_OfManyRecords_YieldsEveryResult_EqualToTheSameRecordsInBatches()
    {
        // 2,500 records cross several requests (1,000 records at most each).
        using var client = await ApiSetUp.Api.SignUpAsync();
        var streamed = await client.Models.CreateFromTemplateAsync("streamed", Samples.Template, Samples.Options);
        var batched = await client.Models.CreateFromTemplateAsync("batched", Samples.Template, Samples.Options);
        var records = Samples.Records(2500);

        var results = new List<RecordResult>();
        await foreach (var result in client.Records.StreamAsync(streamed.Id, records)) results.Add(result);
        var expected = new List<RecordResult>();
        foreach (var chunk in records.Chunk(1000)) expected.AddRange((await client.Records.SendAsync(batched.Id, chunk)).Results);

        Assert.That(results.Select(r => r.Seq), Is.EqualTo(Enumerable.Range(1, 2500).Select(i => (long)i)));
        Assert.That(ResultJson.Of(results), Is.EqualTo(ResultJson.Of(expected)));
        Assert.That((await client.Records.GetStateAsync(streamed.Id)).RecordsProcessed, Is.EqualTo(2500));
    }

    [Test]
    public async Task Stream_YieldsResults_WhileTheSourceIsStillProducing()
    {
        // The source waits for the result of its 5th record before it produces the 6th: results must arrive mid-stream.
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("live", Samples.Template, Samples.Options);
        var fifthResult = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var results = new List<RecordResult>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var result in client.Records.StreamAsync(model.Id, GatedAsync(fifthResult.Task), timeout.Token))
        {
            results.Add(result);
            if (result.Seq == 5) fifthResult.SetResult();
        }

        Assert.That(results.Select(r => r.Seq), Is.EqualTo(Enumerable.Range(1, 10).Select(i => (long)i)));
    }

    [Test]
    public async Task Stream_WithABadRecord_YieldsTheResultsBeforeIt_ThenThrows_CountingFromTheStreamStart()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("bad", Samples.Template, Samples.Options);
        var records = Samples.Records(1300);
        records[1203].Remove("value");

        var results = new List<RecordResult>();
        var error = (await Assert.ThrowsAsync<HtmCloudException>(async () =>
        {
            await foreach (var result in client.Records.StreamAsync(model.Id, records)) results.Add(result);
        }))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "records[1203].value" }));
        Assert.That(results, Has.Count.EqualTo(1203));
        Assert.That((await client.Records.GetStateAsync(model.Id)).RecordsProcessed, Is.EqualTo(1203));
    }

    [Test]
    public async Task Stream_ToAnUnknownModel_Throws404()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(async () =>
        {
            await foreach (var _ in client.Records.StreamAsync(Guid.NewGuid(), Samples.Records(3))) { }
        }))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Stream_WhoseSourceFails_RethrowsTheSourcesException_AfterTheResultsBeforeIt()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("failing", Samples.Template, Samples.Options);

        var results = new List<RecordResult>();
        var error = (await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var result in client.Records.StreamAsync(model.Id, FailingAsync())) results.Add(result);
        }))!;

        Assert.That(error.Message, Is.EqualTo("sensor unplugged"));
        Assert.That(results, Has.Count.EqualTo(4));
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> GatedAsync(Task gate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < 10; i++)
        {
            if (i == 5) await gate.WaitAsync(cancellationToken);
            yield return Samples.Record(i);
        }
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> FailingAsync()
    {
        for (int i = 0; i < 4; i++) yield return Samples.Record(i);
        await Task.Yield();
        throw new InvalidDataException("sensor unplugged");
    }
}
