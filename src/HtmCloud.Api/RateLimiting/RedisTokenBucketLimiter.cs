using System.Diagnostics;
using System.Threading.RateLimiting;
using HtmCloud.Api.Cluster;
using StackExchange.Redis;

namespace HtmCloud.Api.RateLimiting;

/// <summary>
/// A token bucket kept in Redis (one hash per partition, updated atomically by a Lua script on Redis' clock), so every
/// node of a cluster draws from the same bucket. If Redis cannot be reached, the node falls back to a local bucket of
/// the same size: limits become per node for a while instead of requests failing.
/// </summary>
public sealed class RedisTokenBucketLimiter : RateLimiter
{
    // KEYS[1] bucket; ARGV capacity, tokens per second, permits. Returns {1 if granted, ms until enough tokens}.
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(bucket[1]) or capacity
        local at = tonumber(bucket[2]) or now
        tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
        local granted = 0
        local wait = 0
        if tokens >= permits then
          tokens = tokens - permits
          granted = 1
        else
          wait = math.ceil((permits - tokens) * 1000 / rate)
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
        redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
        return {granted, wait}
        """;

    private readonly RedisConnection _redis;
    private readonly RedisKey _key;
    private readonly int _capacity;
    private readonly double _tokensPerSecond;
    private readonly TokenBucketRateLimiter _fallback;
    private readonly ILogger _logger;
    private long _lastUsed = Stopwatch.GetTimestamp();

    public RedisTokenBucketLimiter(RedisConnection redis, string key, int capacity, double tokensPerSecond, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tokensPerSecond, 0);
        (_redis, _key, _capacity, _tokensPerSecond, _logger) = (redis, key, capacity, tokensPerSecond, logger);
        _fallback = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = capacity,
            TokensPerPeriod = Math.Max(1, (int)Math.Round(tokensPerSecond)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 1 / tokensPerSecond)),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>How long since the last request, so ASP.NET Core drops buckets of tenants that went quiet.</summary>
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    // Asking Redis takes a round trip: say "not now", and the middleware calls AcquireAsync, which asks.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => BucketLease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastUsed, Stopwatch.GetTimestamp());
        try
        {
            var database = (await _redis.GetAsync()).GetDatabase();
            var reply = (RedisResult[])(await database.ScriptEvaluateAsync(Script, [_key], [_capacity, _tokensPerSecond, permitCount]))!;
            return (long)reply[0] == 1 ? BucketLease.Granted : BucketLease.Refused(TimeSpan.FromMilliseconds((long)reply[1]));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning("Rate limit bucket {Key}: Redis failed ({Error}); this node limits on its own meanwhile", _key, e.Message);
            return await _fallback.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _fallback.Dispose();
        base.Dispose(disposing);
    }

    private sealed class BucketLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly BucketLease Granted = new(true, null);
        public static readonly BucketLease Undecided = new(false, null);

        public static BucketLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
