using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HtmCloud.Client.Tests.Hosting;

/// <summary>A webhook receiver on a real loopback port that answers 200 and keeps each call's webhook-id and body.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Id, string Body)> _calls = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<(string Id, string Body)> Calls => _calls.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver._calls.Enqueue((request.Headers["webhook-id"].ToString(), await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        string address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> calls arrived (or the time is up) and returns them.</summary>
    public async Task<IReadOnlyList<(string Id, string Body)>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (_calls.Count < count && DateTime.UtcNow < deadline) await Task.Delay(50);
        return Calls;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
