using HtmCloud.Grains.Graphs;
using Microsoft.AspNetCore.Diagnostics;

namespace HtmCloud.Api.Errors;

/// <summary>
/// A model deleted while one of its requests was under way (the endpoint found it, the grain then did not): the
/// request gets the 404 it would have got a moment later, not a 500.
/// </summary>
internal sealed class ModelGoneExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ModelNotFoundException || context.Response.HasStarted) return false;
        await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "The model was deleted while this request was under way.");
        return true;
    }
}
