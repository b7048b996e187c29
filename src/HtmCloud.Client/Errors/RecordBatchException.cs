using System.Net;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Errors;

/// <summary>
/// A record was refused (e.g. a missing field): the records before it were processed, and their results are in
/// <see cref="Accepted"/>; the refused record and those after it were not.
/// </summary>
public sealed class RecordBatchException : HtmCloudException
{
    /// <summary>A refused record, after <paramref name="accepted"/> processed ones.</summary>
    public RecordBatchException(HttpStatusCode statusCode, ApiProblem problem, IReadOnlyList<RecordResult> accepted)
        : base(statusCode, problem)
    {
        Accepted = accepted;
    }

    /// <summary>The results of the records before the refused one, in order.</summary>
    public IReadOnlyList<RecordResult> Accepted { get; }
}
