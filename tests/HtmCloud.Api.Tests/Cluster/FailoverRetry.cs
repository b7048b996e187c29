using Polly;
using Polly.Retry;

namespace HtmCloud.Api.Tests.Cluster;

/// <summary>
/// The test clients' Polly retry: a batch that got no answer, or a 5xx (503 while the dead node is not yet declared
/// dead), is sent again every 250 ms for up to <see cref="Patience"/>; the caller switches node on each attempt.
/// </summary>
public static class FailoverRetry
{
    /// <summary>Long enough for a loaded 2-core machine: failover takes seconds, this allows minutes.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    public static ResiliencePipeline<HttpResponseMessage> Pipeline(Action<string> onRetry) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = (int)(Patience / Delay),
                Delay = Delay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
                OnRetry = async args =>
                {
                    var response = args.Outcome.Result;
                    onRetry(response is null ? args.Outcome.Exception!.Message : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    response?.Dispose();
                },
            })
            .Build();
}
