using Microsoft.AspNetCore.Mvc;

namespace HtmCloud.Api.Errors;

/// <summary>
/// The one writer of error bodies outside endpoint handlers (auth challenges, rate limits, bad requests):
/// everything goes through <see cref="IProblemDetailsService"/>, so every error has one shape.
/// </summary>
public static class Problems
{
    public static async ValueTask WriteAsync(
        HttpContext context, int status, string detail, IDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        ProblemDetails problem = errors is null
            ? new ProblemDetails { Status = status, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Detail = detail };
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // The client's Accept header rules out JSON; it still gets the status and a plain reason.
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(detail, context.RequestAborted);
        }
    }
}
