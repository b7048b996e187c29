using System.Text.Json;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Tests.Hosting;

/// <summary>Results compared as the API's JSON, every SDR and figure included.</summary>
public static class ResultJson
{
    public static string Of(IEnumerable<RecordResult> results) => JsonSerializer.Serialize(results.ToList(), HtmJson.Options);
}
