using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HtmCloud.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Live;

/// <summary>GET /v1/models/{id}/stream: every processed record, as the records endpoint returned it, to the model's own tenant only.</summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class LiveApiTests(TestStorage storage) : ApiFixture(storage)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Live:HeartbeatSeconds"] = "0.2",
        ["Live:MaxStreamsPerTenant"] = "2",
    };

    // The test server's own handler: the factory's client buffers nothing, but this one never follows redirects either.
    private HttpClient StreamingClient(string? apiKey)
    {
        var server = (TestServer)Host.Services.GetRequiredService<IServer>();
        var client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    private static async Task<(HttpResponseMessage Response, EventStream Events)> OpenAsync(HttpClient client, Guid model)
    {
        var response = await client.GetAsync($"/v1/models/{model}/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        var events = new EventStream(await response.Content.ReadAsStreamAsync());
        Assert.That((await events.NextAsync(Wait)).Comment, Is.EqualTo("connected"), "subscribed before anything is posted");
        return (response, events);
    }

    [Test]
    public async Task Stream_SendsEveryProcessedRecord_FromJsonAndNdjson_AsTheRecordsEndpointReturnedIt()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateSmallAsync(tenant.Client);
        using var client = StreamingClient(tenant.ApiKey);
        var (response, events) = await OpenAsync(client, model);
        using var _ = response;
        using var __ = events;
        var records = Series(8);

        var fromJson = await ProcessAsync(tenant.Client, model, records.Take(5));
        var fromNdjson = await ProcessNdjsonAsync(tenant.Client, model, records.Skip(5).Select(r => r.ToJsonString()));
        var live = await events.TakeAsync("record", 8, Wait);

        var expected = fromJson.Concat(fromNdjson).ToArray();
        Assert.That(live.Select(e => e.Id), Is.EqualTo(Seqs(expected).Select(s => s.ToString())));
        for (int i = 0; i < live.Count; i++)
        {
            var data = JsonDocument.Parse(live[i].Data).RootElement;
            Assert.That(data.GetProperty("result").GetRawText(), Is.EqualTo(expected[i].GetRawText()), $"record {i}");
            Assert.That(data.GetProperty("input").GetProperty("value").GetDouble(), Is.EqualTo(records[i]["value"]!.GetValue<double>()));
        }
    }

    [Test]
    public async Task Stream_WhenIdle_SendsHeartbeatComments()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateSmallAsync(tenant.Client);
        using var client = StreamingClient(tenant.ApiKey);
        var (response, events) = await OpenAsync(client, model);
        using var _ = response;
        using var __ = events;

        var next = await events.NextAsync(Wait);

        Assert.That(next.Comment, Is.EqualTo("heartbeat"));
    }

    [Test]
    public async Task Stream_WithoutAKey_Is401Problem()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateSmallAsync(tenant.Client);
        using var client = StreamingClient(null);

        using var response = await client.GetAsync($"/v1/models/{model}/stream");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Stream_OfAnotherTenantsModel_Is404_LikeAModelThatDoesNotExist()
    {
        var owner = await Host.SignUpAsync();
        var model = await CreateSmallAsync(owner.Client);
        var stranger = await Host.SignUpAsync();
        using var client = StreamingClient(stranger.ApiKey);

        using var theirs = await client.GetAsync($"/v1/models/{model}/stream");
        using var none = await client.GetAsync($"/v1/models/{Guid.NewGuid()}/stream");

        Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Stream_PastTheTenantsLimit_Is429Problem_UntilOneCloses()
    {
        var tenant = await Host.SignUpAsync();
        var model = await CreateSmallAsync(tenant.Client);
        using var client = StreamingClient(tenant.ApiKey);
        var (first, firstEvents) = await OpenAsync(client, model);
        var (second, secondEvents) = await OpenAsync(client, model);
        using var _ = second;
        using var __ = secondEvents;

        using (var third = await client.GetAsync($"/v1/models/{model}/stream", HttpCompletionOption.ResponseHeadersRead))
        {
            await ProblemAssert.IsProblemAsync(third, HttpStatusCode.TooManyRequests);
        }
        var other = await Host.SignUpAsync();
        var theirs = await CreateSmallAsync(other.Client);
        using var otherClient = StreamingClient(other.ApiKey);
        var (otherStream, otherEvents) = await OpenAsync(otherClient, theirs);
        otherEvents.Dispose();
        otherStream.Dispose();

        firstEvents.Dispose();
        first.Dispose();
        // The server sees the viewer go when its next write fails or the request is aborted: wait for the place.
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var again = await client.GetAsync($"/v1/models/{model}/stream", HttpCompletionOption.ResponseHeadersRead);
            if (again.StatusCode == HttpStatusCode.OK)
            {
                again.Dispose();
                break;
            }
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            again.Dispose();
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "a closed stream frees its place");
            await Task.Delay(100);
        }
    }
}
