using StackExchange.Redis;

namespace HtmCloud.Api.Cluster;

/// <summary>
/// The node's one Redis connection (<c>ConnectionStrings:Redis</c>), shared by Orleans' membership table and the
/// cluster-wide rate limits. Connects on first use and keeps reconnecting in the background if Redis goes away.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;

    public RedisConnection(string connectionString)
    {
        Options = ConfigurationOptions.Parse(connectionString);
        // A node must start (and answer /health/live) while Redis restarts; commands fail until it is back.
        Options.AbortOnConnectFail = false;
        _connection = new(async () => await ConnectionMultiplexer.ConnectAsync(Options));
    }

    public ConfigurationOptions Options { get; }

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated) await (await _connection.Value).DisposeAsync();
    }
}
