using System.Threading.Channels;
using Hangfire;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// Delivery ids waiting for their Hangfire job. Enqueueing (a storage write per job with PostgreSQL) happens
/// here, off the request; an id lost in a crash is still a pending row, which <see cref="DeliverySweeper"/> finds.
/// </summary>
public sealed class DeliveryQueue(IBackgroundJobClient jobs, ILogger<DeliveryQueue> logger) : BackgroundService
{
    private readonly Channel<Guid> _ids = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            _ids.Writer.TryWrite(id);
        }
    }

    /// <summary>The job for one delivery step, due now.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, Guid deliveryId) =>
        jobs.Enqueue<WebhookSender>(sender => sender.SendAsync(deliveryId, CancellationToken.None));

    /// <summary>The job for one delivery step, due after <paramref name="delay"/>.</summary>
    public static string Schedule(IBackgroundJobClient jobs, Guid deliveryId, TimeSpan delay) =>
        delay <= TimeSpan.Zero
            ? Enqueue(jobs, deliveryId)
            : jobs.Schedule<WebhookSender>(sender => sender.SendAsync(deliveryId, CancellationToken.None), delay);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _ids.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    Enqueue(jobs, id);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Could not enqueue the job of webhook delivery {DeliveryId}; the sweep will", id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
