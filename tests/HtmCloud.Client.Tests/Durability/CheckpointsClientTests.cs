using System.Net;
using HtmCloud.Client.Errors;
using HtmCloud.Client.Tests.Hosting;

namespace HtmCloud.Client.Tests.Durability;

public sealed class CheckpointsClientTests
{
    [Test]
    public async Task CreateAndList_ShowTheCheckpoint_AfterTheLastRecord()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        await client.Records.SendAsync(model.Id, Samples.Records(20));

        var checkpoint = await client.Checkpoints.CreateAsync(model.Id);
        var listed = await client.Checkpoints.ListAsync(model.Id);

        Assert.That(checkpoint.Seq, Is.EqualTo(20));
        Assert.That(checkpoint.Size, Is.Positive);
        Assert.That(listed.Select(c => c.Id), Does.Contain(checkpoint.Id));
    }

    [Test]
    public async Task Restore_ContinuesFromTheCheckpoint_AsIfLaterRecordsNeverCame()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        await client.Records.SendAsync(model.Id, Samples.Records(20));
        var checkpoint = await client.Checkpoints.CreateAsync(model.Id);
        var afterCheckpoint = await client.Records.SendAsync(model.Id, Samples.Records(10, start: 20));

        var restored = await client.Checkpoints.RestoreAsync(model.Id, checkpoint.Id);
        var replayed = await client.Records.SendAsync(model.Id, Samples.Records(10, start: 20));

        Assert.That(restored.Id, Is.EqualTo(checkpoint.Id));
        Assert.That(ResultJson.Of(replayed.Results), Is.EqualTo(ResultJson.Of(afterCheckpoint.Results)));
    }

    [Test]
    public async Task Restore_OfAnUnknownCheckpoint_Throws400_NamingIt()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Checkpoints.RestoreAsync(model.Id, Guid.NewGuid())))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "checkpointId" }));
    }

    [Test]
    public async Task ExportThenImport_MakesAModelThatContinuesIdentically()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();
        var model = await client.Models.CreateFromTemplateAsync("cpu", Samples.Template, Samples.Options);
        await client.Records.SendAsync(model.Id, Samples.Records(40));

        using var file = new MemoryStream();
        await client.Checkpoints.ExportAsync(model.Id, file);
        file.Position = 0;
        var copy = await client.Checkpoints.ImportAsync(file);
        var original = await client.Records.SendAsync(model.Id, Samples.Records(10, start: 40));
        var continued = await client.Records.SendAsync(copy.Id, Samples.Records(10, start: 40));

        Assert.That(copy.Id, Is.Not.EqualTo(model.Id));
        Assert.That(copy.Name, Is.EqualTo("cpu"));
        Assert.That(ResultJson.Of(continued.Results), Is.EqualTo(ResultJson.Of(original.Results)));
    }

    [Test]
    public async Task Import_OfSomethingElse_Throws400()
    {
        using var client = await ApiSetUp.Api.SignUpAsync();

        var error = (await Assert.ThrowsAsync<HtmCloudException>(() => client.Checkpoints.ImportAsync(new MemoryStream("not a model"u8.ToArray()))))!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "body" }));
    }
}
