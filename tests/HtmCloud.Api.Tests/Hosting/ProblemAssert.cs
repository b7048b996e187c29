using System.Net;
using System.Text.Json;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>Pins the error shape: status, <c>application/problem+json</c>, and a body whose status agrees.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status), body);
        Assert.That(problem.TryGetProperty("title", out _), Is.True, body);
        return problem;
    }

    /// <summary>A 400 validation problem whose <c>errors</c> has the given key; returns that key's messages.</summary>
    public static async Task<string[]> IsValidationProblemAsync(HttpResponseMessage response, string errorKey)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.TryGetProperty("errors", out var errors), Is.True, problem.ToString());
        Assert.That(errors.TryGetProperty(errorKey, out var messages), Is.True, problem.ToString());
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }
}
