using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace HtmCloud.Api.Errors;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, wrong content type, oversized body) into a
/// ProblemDetails with the framework's status; a JSON error names its path and position. Anything else is
/// left to the default handler, which logs it and answers 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        if (FindJsonException(badRequest) is { } json)
        {
            var path = json.Path is null or "$" ? "$" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
            var reason = Reason(json);
            var where = json.LineNumber is { } line && json.BytePositionInLine is { } position
                ? $" at {json.Path ?? "$"} (line {line + 1}, byte {position + 1})"
                : json.Path is null ? "" : $" at {json.Path}";
            await Problems.WriteAsync(
                context, StatusCodes.Status400BadRequest, $"The request body is not valid JSON{where}: {reason}",
                new Dictionary<string, string[]> { [path] = [reason] });
            return true;
        }

        await Problems.WriteAsync(context, badRequest.StatusCode, badRequest.Message);
        return true;
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …."; the problem carries those separately.
    private static string Reason(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }
}
