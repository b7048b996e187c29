using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on a loopback port (Kestrel): keeps every request it gets and answers what
/// <see cref="Respond"/> says (200 unless told otherwise). <c>await using var receiver = await WebhookReceiver.StartAsync();</c>
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _calls;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Decides the answer to the n-th call (0-based): a status code, optionally with a Retry-After in seconds.</summary>
    public Func<int, ReceivedWebhook, (int Status, int? RetryAfter)> Respond { get; set; } = (_, _) => (200, null);

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Address = new Uri(address);
        return receiver;
    }

    /// <summary>A URL on this receiver; <paramref name="host"/> replaces 127.0.0.1 (e.g. <c>localhost</c>).</summary>
    public string Url(string path = "/hook", string? host = null) =>
        new UriBuilder(Address) { Path = path, Host = host ?? Address.Host }.Uri.ToString();

    /// <summary>Waits until <paramref name="condition"/> holds over what was received, or fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = Received;
            if (condition(received)) return received;
            if (DateTime.UtcNow > deadline) Assert.Fail($"the receiver did not get {what} within {timeout.TotalSeconds} s; it got {received.Count} request(s)");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        int call = Interlocked.Increment(ref _calls) - 1;
        var request = new ReceivedWebhook(
            context.Request.Path,
            context.Request.Headers["webhook-id"].ToString(),
            context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(),
            context.Request.ContentType ?? "",
            body,
            0);
        var (status, retryAfter) = Respond(call, request);
        _received.Enqueue(request with { AnsweredStatus = status });
        if (retryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        context.Response.StatusCode = status;
    }
}
