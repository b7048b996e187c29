using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using HtmCloud.Data;
using HtmCloud.Data.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// The Hangfire job: one step of a delivery's retry schedule. It takes only the delivery id and is safe to run
/// twice: a delivery that is not pending, not due yet, or held by another run is left alone.
/// </summary>
[AutomaticRetry(Attempts = 5)]
public sealed class WebhookSender(
    HtmDbContext db,
    IHttpClientFactory http,
    IBackgroundJobClient jobs,
    IOptions<WebhookSettings> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger)
{
    public const string ClientName = "webhooks";

    // Hangfire may start a scheduled job a little before the time we wrote (clock steps, polling).
    private static readonly TimeSpan Early = TimeSpan.FromSeconds(1);

    public async Task SendAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var leaseUntil = now + settings.StepBudget() + TimeSpan.FromSeconds(30);
        var due = now + Early;
        var deliveries = db.Set<WebhookDelivery>();
        int claimed = await deliveries
            .Where(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= due &&
                        (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, leaseUntil), cancellationToken);
        if (claimed == 0)
        {
            await WhenHeldElsewhereAsync(deliveryId, now, cancellationToken);
            return;
        }

        // One query for both; the endpoint is gone only if it was deleted meanwhile (and then so is the delivery).
        var claim = await deliveries.Where(d => d.Id == deliveryId)
            .Join(db.Set<WebhookEndpoint>(), d => d.EndpointId, e => e.Id, (d, e) => new { Delivery = d, Endpoint = e })
            .SingleOrDefaultAsync(cancellationToken);
        if (claim is null) return;
        var (delivery, endpoint) = (claim.Delivery, claim.Endpoint);
        if (!endpoint.Enabled)
        {
            Finish(delivery, WebhookDeliveryStatus.Failed, now, "the endpoint is disabled");
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var log = new AttemptLog();
        HttpStatusCode? status;
        TimeSpan? retryAfter = null;
        string? error = null;
        try
        {
            using var request = Request(endpoint, delivery, now, log);
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = response.StatusCode;
            retryAfter = AttemptRecorder.RetryAfter(response, clock);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            status = null;
            error = AttemptRecorder.Describe(e, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The server is stopping: give the delivery back untouched (the attempt is not counted).
            await deliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        var attempts = log.Entries;
        foreach (var attempt in attempts)
        {
            db.Add(new WebhookAttempt
            {
                Id = Guid.CreateVersion7(attempt.At),
                DeliveryId = deliveryId,
                AttemptedAt = attempt.At,
                StatusCode = attempt.StatusCode,
                LatencyMs = attempt.LatencyMs,
                Error = attempt.Error,
            });
        }

        var finished = clock.GetUtcNow();
        delivery.Attempts += attempts.Count;
        delivery.Runs++;
        delivery.LastAttemptAt = attempts.Count > 0 ? attempts[^1].At : now;
        delivery.LastStatusCode = status is null ? null : (int)status;
        delivery.LastError = error ?? (status is { } code && !IsSuccess(code) ? $"HTTP {(int)code}" : null);
        TimeSpan? next = null;
        if (status is { } s && IsSuccess(s))
        {
            Finish(delivery, WebhookDeliveryStatus.Succeeded, finished, null);
        }
        else if (status == HttpStatusCode.Gone)
        {
            Finish(delivery, WebhookDeliveryStatus.Failed, finished, "HTTP 410: the receiver asked for the endpoint to be disabled");
            await db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Id)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.Enabled, false)
                    .SetProperty(e => e.DisabledReason, $"the receiver answered 410 Gone at {finished:O}")
                    .SetProperty(e => e.UpdatedAt, finished), CancellationToken.None);
            logger.LogInformation("Webhook endpoint {EndpointId} disabled: its receiver answered 410 Gone", endpoint.Id);
        }
        else if (settings.Schedule() is var schedule && delivery.Runs < schedule.Length)
        {
            var wait = schedule[delivery.Runs];
            if (retryAfter is { } asked && asked > wait) wait = asked;
            next = wait;
            delivery.NextAttemptAt = finished + wait;
            delivery.LeaseUntil = null;
        }
        else
        {
            Finish(delivery, WebhookDeliveryStatus.Failed, finished, null);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        if (next is { } delay)
        {
            DeliveryQueue.Schedule(jobs, deliveryId, delay);
        }
    }

    private HttpRequestMessage Request(WebhookEndpoint endpoint, WebhookDelivery delivery, DateTimeOffset now, AttemptLog log)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var id = delivery.Id.ToString();
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.SignatureHeader(Secrets(endpoint, now), id, timestamp, body));
        request.Options.Set(AttemptLog.Key, log);
        return request;
    }

    // During a rotation's grace period the old secret signs too, so receivers can switch whenever they like.
    private static IEnumerable<string> Secrets(WebhookEndpoint endpoint, DateTimeOffset now)
    {
        yield return endpoint.Secret;
        if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now)
        {
            yield return previous;
        }
    }

    // Another run holds the delivery: look again when its lease ends, in case that run died (a crash mid-send).
    private async Task WhenHeldElsewhereAsync(Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.Id == deliveryId)
            .Select(d => new { d.Status, d.NextAttemptAt, d.LeaseUntil })
            .SingleOrDefaultAsync(cancellationToken);
        if (state is { Status: WebhookDeliveryStatus.Pending, LeaseUntil: { } lease } && lease >= now && state.NextAttemptAt <= now + Early)
        {
            DeliveryQueue.Schedule(jobs, deliveryId, lease - now + TimeSpan.FromSeconds(1));
        }
    }

    private static void Finish(WebhookDelivery delivery, string status, DateTimeOffset at, string? error)
    {
        delivery.Status = status;
        delivery.CompletedAt = at;
        delivery.LeaseUntil = null;
        if (error is not null) delivery.LastError = error;
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
