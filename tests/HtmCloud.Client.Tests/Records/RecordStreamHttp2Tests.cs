using System.Runtime.CompilerServices;
using HtmCloud.Client.Tests.Hosting;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Tests.Records;

/// <summary>Over TLS the API offers HTTP/2, and one NDJSON request carries results back while it is still uploading.</summary>
public sealed class RecordStreamHttp2Tests
{
    [Test]
    public async Task Stream_OverHttp2_YieldsResults_BeforeItsRequestEnds()
    {
        // Requests never end early here (an hour's linger), so the 5th result can only come back mid-request: duplex.
        var options = new HtmCloudClientOptions { Streaming = new RecordStreamOptions { Linger = TimeSpan.FromHours(1) } };
        using var client = await SecureClientAsync(options);
        var model = await client.Models.CreateFromTemplateAsync("duplex", Samples.Template, Samples.Options);
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
    public async Task JsonCalls_WorkOverTls()
    {
        using var client = await SecureClientAsync();
        var model = await client.Models.CreateFromTemplateAsync("tls", Samples.Template, Samples.Options);

        var batch = await client.Records.SendAsync(model.Id, Samples.Records(3));

        Assert.That(batch.Results, Has.Count.EqualTo(3));
    }

    private static async Task<HtmCloudClient> SecureClientAsync(HtmCloudClientOptions? options = null)
    {
        using var anonymous = ApiSetUp.Api.Client();
        var account = await anonymous.SignUpAsync($"tls-{Guid.NewGuid():N}@example.com");
        return ApiSetUp.Api.SecureClient(account.ApiKey, options);
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> GatedAsync(Task gate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < 10; i++)
        {
            if (i == 5) await gate.WaitAsync(cancellationToken);
            yield return Samples.Record(i);
        }
    }
}
