using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using HtmCloud.Api.Auth;
using HtmCloud.Api.Models;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;
using HtmCloud.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HtmCloud.Api.Live;

/// <summary>
/// <c>GET /v1/models/{id}/stream</c>: server-sent events, one <c>event: record</c> per processed record (data: a
/// <see cref="LiveRecord"/>, id: its seq), <c>event: dropped</c> when this viewer's buffer overflowed, and a comment
/// line every <see cref="LiveSettings.HeartbeatSeconds"/>. Authenticated with the bearer key like every tenant call.
/// </summary>
public static class LiveApi
{
    public const string ContentType = "text/event-stream";
    private const int MaxEventsPerFlush = 256;

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/models/{id:guid}").WithTags("Records").RequireTenant()
            .MapGet("/stream", StreamRecords).WithName("StreamModelRecords")
            .WithSummary("Server-sent events: each record the model processes from now on.")
            .Produces<LiveRecord>(StatusCodes.Status200OK, ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<IResult> StreamRecords(
        Guid id, HttpContext http, ClaimsPrincipal user, HtmDbContext db, ILiveResults live, LiveStreamLimits limits,
        IOptions<LiveSettings> options, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        if (await ModelsApi.FindAsync(db, user, id, cancellationToken) is null) return TypedResults.NotFound();
        var settings = options.Value;
        var tenant = user.TenantId();
        if (!limits.TryOpen(tenant, settings.MaxStreamsPerTenant))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                detail: $"This account already has {settings.MaxStreamsPerTenant} record streams open; close one first.");
        }
        try
        {
            return await StreamAsync(id, http, live, settings, lifetime, cancellationToken);
        }
        finally
        {
            limits.Close(tenant);
        }
    }

    private static async Task<IResult> StreamAsync(
        Guid id, HttpContext http, ILiveResults live, LiveSettings settings, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        // The host's shutdown ends open streams at once instead of waiting out its timeout.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var token = stop.Token;
        using var subscription = await live.SubscribeAsync(id, settings.BufferSize, token);
        var heartbeat = TimeSpan.FromSeconds(Math.Max(0.05, settings.HeartbeatSeconds));

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = ContentType;
        http.Response.Headers.CacheControl = "no-cache, no-transform";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events through as they come
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = http.Response.Body;
        try
        {
            await body.WriteAsync(": connected\nretry: 3000\n\n"u8.ToArray(), token);
            await body.FlushAsync(token);
            long reported = 0;
            while (!token.IsCancellationRequested)
            {
                if (!await WaitAsync(subscription, heartbeat, token))
                {
                    await body.WriteAsync(": heartbeat\n\n"u8.ToArray(), token);
                    await body.FlushAsync(token);
                    continue;
                }
                long dropped = subscription.Dropped;
                if (dropped != reported)
                {
                    await WriteEventAsync(body, "dropped", null, JsonSerializer.SerializeToUtf8Bytes(new { dropped = dropped - reported }, HtmJson.Options), token);
                    reported = dropped;
                }
                for (int n = 0; n < MaxEventsPerFlush && subscription.Reader.TryRead(out var record); n++)
                {
                    var data = JsonSerializer.SerializeToUtf8Bytes(record, HtmJson.Options);
                    await WriteEventAsync(body, "record", record.Result.Seq.ToString(CultureInfo.InvariantCulture), data, token);
                }
                await body.FlushAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The viewer left or the host is stopping: the stream just ends.
        }
        return Results.Empty;
    }

    // True when records are waiting; false when the heartbeat interval passed first.
    private static async Task<bool> WaitAsync(ILiveSubscription subscription, TimeSpan heartbeat, CancellationToken token)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
        wait.CancelAfter(heartbeat);
        try
        {
            return await subscription.Reader.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WriteEventAsync(Stream body, string name, string? id, byte[] json, CancellationToken token)
    {
        var head = new StringBuilder();
        if (id is not null) head.Append("id: ").Append(id).Append('\n');
        head.Append("event: ").Append(name).Append("\ndata: ");
        await body.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), token);
        await body.WriteAsync(json, token); // compact JSON: one line, as SSE data needs
        await body.WriteAsync("\n\n"u8.ToArray(), token);
    }
}
