using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using HtmCloud.Client.Errors;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Records;

/// <summary>Reads result lines as they arrive; a final <c>{"error":{…}}</c> line becomes an <see cref="HtmCloudException"/>.</summary>
internal static partial class NdjsonResultReader
{
    public static async IAsyncEnumerable<RecordResult> ReadAsync(HttpResponseMessage response, long firstIndex, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("error", out var error)) throw StreamError(error, firstIndex);
            yield return document.RootElement.Deserialize<RecordResult>(HtmJson.Options)!;
        }
    }

    // The server counts records from 0 in each request; the caller counts from the start of its stream.
    private static HtmCloudException StreamError(JsonElement error, long firstIndex)
    {
        var problem = error.Deserialize<ApiProblem>(HtmJson.Options) ?? new ApiProblem();
        if (problem.Errors is { } errors)
        {
            problem = problem with
            {
                Errors = errors.ToDictionary(
                    e => RecordIndex().Replace(e.Key, m => $"records[{long.Parse(m.Groups[1].Value) + firstIndex}]"),
                    e => e.Value),
            };
        }
        return new HtmCloudException(HttpStatusCode.BadRequest, problem);
    }

    [GeneratedRegex(@"^records\[(\d+)\]")]
    private static partial Regex RecordIndex();
}
