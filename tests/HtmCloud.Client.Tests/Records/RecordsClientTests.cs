using System.Net;
using HtmCloud.Client.Errors;
using HtmCloud.Client.Tests.Hosting;

namespace HtmCloud.Client.Tests.Records;

public sealed class RecordsClientTests
{
    [Test]
    public async Task Send_ReturnsOneResultPerRecord_InOrder_AndStateCountsThem()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);

        var first = await client.Records.SendAsync(model.Id, Samples.Records(30));
        var second = await client.Records.SendAsync(model.Id, Samples.Records(20, start: 30));
        var state = await client.Records.GetStateAsync(model.Id);

        Assert.That(first.Results.Concat(second.Results).Select(r => r.Seq), Is.EqualTo(Enumerable.Range(1, 50).Select(i => (long)i)));
        Assert.That(first.Results[0].Timestamp, Is.EqualTo(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(state.RecordsProcessed, Is.EqualTo(50));
        Assert.That(state.Last!.Seq, Is.EqualTo(50));
        Assert.That(state.Last.Pools.Values.Single().ActiveColumns, Is.Not.Empty);
    }

    [Test]
    public async Task Send_TakesAnonymousObjects_AndRecordTypes()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var anonymous = await client.Records.SendAsync(model.Id, new[] { new { timestamp = at, value = 1.5 } });
        var typed = await client.Records.SendAsync(model.Id, new[] { new Sample(at.AddMinutes(5), 2.5) });

        Assert.That(anonymous.Results.Single().Seq, Is.EqualTo(1));
        Assert.That(typed.Results.Single().Seq, Is.EqualTo(2));
    }

    [Test]
    public async Task Send_WithTheSameIdempotencyKeyTwice_LearnsOnce_AndAnswersTheSame()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        var records = Samples.Records(10);

        var first = await client.Records.SendAsync(model.Id, records, idempotencyKey: "batch-1");
        var again = await client.Records.SendAsync(model.Id, records, idempotencyKey: "batch-1");

        Assert.That(ResultJson.Of(again.Results), Is.EqualTo(ResultJson.Of(first.Results)));
        Assert.That((await client.Records.GetStateAsync(model.Id)).RecordsProcessed, Is.EqualTo(10));
    }

    [Test]
    public async Task Send_WithABadRecord_ThrowsRecordBatchException_WithTheResultsBeforeIt()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        var records = Samples.Records(5);
        records[3]["value"] = "high";

        var error = (await Assert.ThrowsAsync<RecordBatchException>(() => client.Records.SendAsync(model.Id, records)))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "records[3].value" }));
        Assert.That(error.Accepted.Select(r => r.Seq), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That((await client.Records.GetStateAsync(model.Id)).RecordsProcessed, Is.EqualTo(3));
    }

    [Test]
    public async Task StatePng_IsAPng()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        await client.Records.SendAsync(model.Id, Samples.Records(3));

        var png = await client.Records.GetStatePngAsync(model.Id);

        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
    }

    [Test]
    public async Task State_OfAnUnknownModel_Throws404()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Records.GetStateAsync(Guid.NewGuid())))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private sealed record Sample(DateTime Timestamp, double Value);
}
