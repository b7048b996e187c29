using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HtmCloud.Client.Errors;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;
using Polly;

namespace HtmCloud.Client.Http;

/// <summary>Sends requests with the key, through the right pipeline, and turns error answers into <see cref="HtmCloudException"/>.</summary>
internal sealed class ApiTransport
{
    private static readonly string UserAgent = $"htmcloud-dotnet/{typeof(ApiTransport).Assembly.GetName().Version?.ToString(3)}";
    private readonly HttpClient _http;
    private readonly HtmCloudClientOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _retrying;
    private readonly ResiliencePipeline<HttpResponseMessage> _once;

    public ApiTransport(HttpClient http, HtmCloudClientOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _retrying = RetryPipelines.Retrying(options, time);
        _once = RetryPipelines.Once(options, time);
    }

    public HtmCloudClientOptions Options => _options;

    /// <summary>
    /// Sends the request <paramref name="create"/> makes (a fresh one per attempt) and returns a success answer.
    /// With <paramref name="buffered"/> the body is read inside the attempt, so a connection lost mid-body is retried too.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool retry, bool buffered, CancellationToken cancellationToken)
    {
        var completion = buffered ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead;
        int attempts = 0;
        HttpMethod? method = null;
        var response = await (retry ? _retrying : _once).ExecuteAsync(async token =>
        {
            attempts++;
            var request = Prepare(create());
            method = request.Method;
            return await _http.SendAsync(request, completion, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        // A DELETE whose earlier attempt may have gone through before failing: "already gone" is what was asked for.
        if (attempts > 1 && method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound) return response;
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Sends once, without a timeout, for long-lived streams.</summary>
    public async Task<HttpResponseMessage> SendStreamingAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(Prepare(request), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), retry: true, buffered: true, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, bool retry, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => Json(method, path, body), retry, buffered: true, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, bool retry, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => Json(method, path, body), retry, buffered: true, cancellationToken).ConfigureAwait(false);
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, object? body) => new(method, path)
    {
        Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: HtmJson.Options),
    };

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(HtmJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new HtmCloudException(response.StatusCode, null, "The answer had no body.");

    private HttpRequestMessage Prepare(HttpRequestMessage request)
    {
        // Paths are relative to the options' base address, whatever the HttpClient's own BaseAddress says.
        if (request.RequestUri is { IsAbsoluteUri: false } relative) request.RequestUri = new Uri(_options.BaseAddress, relative);
        if (_options.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var problem = ParseProblem(body);
            if (problem?.Extensions?.TryGetValue("results", out var results) == true && problem.Errors is not null)
                throw new RecordBatchException(response.StatusCode, problem, results.Deserialize<RecordResult[]>(HtmJson.Options) ?? []);
            throw new HtmCloudException(response.StatusCode, problem, body);
        }
    }

    internal static ApiProblem? ParseProblem(string body)
    {
        if (!body.TrimStart().StartsWith('{')) return null;
        try
        {
            return JsonSerializer.Deserialize<ApiProblem>(body, HtmJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
