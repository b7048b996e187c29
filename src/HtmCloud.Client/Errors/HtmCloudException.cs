using System.Net;
using System.Text;

namespace HtmCloud.Client.Errors;

/// <summary>
/// The API answered with an error: the status code and, when the body was a problem document, its
/// <see cref="Problem"/> with any validation <see cref="Errors"/>.
/// </summary>
public class HtmCloudException : Exception
{
    /// <summary>An error answer of the API.</summary>
    public HtmCloudException(HttpStatusCode statusCode, ApiProblem? problem, string? body = null)
        : base(Describe(statusCode, problem, body))
    {
        StatusCode = statusCode;
        Problem = problem;
    }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem document, or null when the body was not one.</summary>
    public ApiProblem? Problem { get; }

    /// <summary>Validation errors keyed by JSON path; empty when there are none.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Problem?.Errors ?? new Dictionary<string, string[]>();

    private static string Describe(HttpStatusCode statusCode, ApiProblem? problem, string? body)
    {
        var text = new StringBuilder($"{(int)statusCode} {problem?.Title ?? statusCode.ToString()}");
        if (!string.IsNullOrWhiteSpace(problem?.Detail)) text.Append(": ").Append(problem.Detail);
        else if (problem is null && !string.IsNullOrWhiteSpace(body)) text.Append(": ").Append(body.Length > 500 ? body[..500] : body);
        foreach (var (field, messages) in problem?.Errors ?? new Dictionary<string, string[]>())
            text.Append("; ").Append(field).Append(' ').Append(string.Join(", ", messages));
        return text.ToString();
    }
}
