using System.Net;
using System.Net.Sockets;
using HtmCloud.Client.Errors;
using Polly.Timeout;

namespace HtmCloud.Cli.Output;

/// <summary>Turns any failure into one stderr message and an exit code.</summary>
public static class Failures
{
    public static int Report(Exception exception, TextWriter error)
    {
        var (code, message) = Explain(exception);
        error.WriteLine($"htmcloud: {message}");
        return code;
    }

    public static (int Code, string Message) Explain(Exception exception) => exception switch
    {
        CliException e => (e.ExitCode, e.Message),
        HtmCloudException e => (CodeOf(e.StatusCode), Describe(e)),
        HttpRequestException { InnerException: SocketException or IOException } or HttpRequestException { StatusCode: null } =>
            (ExitCodes.Unavailable, $"cannot reach the server: {exception.Message}"),
        TimeoutRejectedException => (ExitCodes.Unavailable, "the server did not answer in time"),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        _ => (ExitCodes.Error, $"unexpected error: {exception.Message}"),
    };

    private static int CodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Auth,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
            or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.RequestEntityTooLarge => ExitCodes.Invalid,
        HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => ExitCodes.Unavailable,
        _ => ExitCodes.Error,
    };

    // "/v1/models/3f…/state" names the model the caller asked about.
    private static string NotFound(string? path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(path ?? "", @"^/v1/(models|webhooks|deliveries|keys)/([0-9a-fA-F-]{36})");
        return match.Success ? $"{match.Groups[1].Value.TrimEnd('s').Replace("deliverie", "delivery")} {match.Groups[2].Value} not found" : $"not found: {path}";
    }

    private static string Describe(HtmCloudException e)
    {
        string what = e.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "the API key was refused",
            HttpStatusCode.Forbidden => "this API key may not do that",
            HttpStatusCode.NotFound => NotFound(e.Problem?.Instance),
            _ => e.Problem?.Title ?? e.StatusCode.ToString(),
        };
        string detail = e.StatusCode == HttpStatusCode.NotFound || string.IsNullOrWhiteSpace(e.Problem?.Detail) ? "" : $": {e.Problem.Detail}";
        var lines = new List<string> { $"{what} ({(int)e.StatusCode}){detail}" };
        lines.AddRange(e.Errors.Select(error => $"  {error.Key}: {string.Join("; ", error.Value)}"));
        if (e.StatusCode == HttpStatusCode.Unauthorized) lines.Add("  run 'htmcloud login' or set HTMCLOUD_API_KEY");
        return string.Join(Environment.NewLine, lines);
    }
}
