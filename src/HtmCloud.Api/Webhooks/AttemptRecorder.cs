using System.Diagnostics;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// Sits inside the resilience pipeline, so it sees every try, retries included, and writes each one (time,
/// status, latency, error) to the request's <see cref="AttemptLog"/>.
/// </summary>
public sealed class AttemptRecorder(TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(AttemptLog.Key, out var log);
        var at = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            log?.Add(new AttemptLog.Entry(at, (int)response.StatusCode, Elapsed(started), null, RetryAfter(response, clock)));
            return response;
        }
        catch (Exception e)
        {
            log?.Add(new AttemptLog.Entry(at, null, Elapsed(started), Describe(e, cancellationToken), null));
            throw;
        }
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - clock.GetUtcNow();
        return null;
    }

    /// <summary>The innermost useful message: "Connection refused", the SSRF guard's reason, a timeout.</summary>
    public static string Describe(Exception e, CancellationToken cancellationToken)
    {
        if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested) return "timed out";
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookTargetRefusedException refused) return "refused: " + refused.Message;
        }

        var message = e.InnerException is { } cause ? $"{e.Message} ({cause.Message})" : e.Message;
        return message.Length > 1000 ? message[..1000] : message;
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
