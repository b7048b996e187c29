using HtmCloud.Api.Errors;
using HtmCloud.Grains.Durability;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace HtmCloud.Api.Cluster;

/// <summary>
/// A grain call that failed because a node went away (or did not answer in time), or reached a model activation that
/// another one has overtaken (<see cref="InputLogConflictException"/>), is 503 with <c>Retry-After</c>:
/// the membership protocol soon declares the node dead and the grain re-activates on a survivor, from its
/// checkpoint and input log, so a retry (same Idempotency-Key) succeeds.
/// </summary>
internal sealed class ClusterUnavailableExceptionHandler(ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or InputLogConflictException)
            || context.Response.HasStarted)
            return false;
        logger.LogWarning("{Method} {Path}: a grain call failed ({Error}); answered 503", context.Request.Method, context.Request.Path, exception.Message);
        context.Response.Headers.RetryAfter = "1";
        await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "A node of the cluster is unavailable; retry shortly (with the same Idempotency-Key).");
        return true;
    }
}
