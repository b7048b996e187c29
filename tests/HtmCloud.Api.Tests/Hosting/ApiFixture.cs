namespace HtmCloud.Api.Tests.Hosting;

/// <summary>
/// Base of a fixture that runs against one host per storage:
/// <c>[TestFixture(TestStorage.Sqlite)] [TestFixture(TestStorage.Postgres)] class XTests(TestStorage storage) : ApiFixture(storage)</c>.
/// Tests share the host, so each signs up its own tenant and never counts rows it did not make.
/// </summary>
public abstract class ApiFixture(TestStorage storage)
{
    private ApiHost? _host;

    protected TestStorage Storage { get; } = storage;

    protected ApiHost Host => _host ?? throw new InvalidOperationException("The host starts in OneTimeSetUp.");

    /// <summary>Extra settings for this fixture's host (e.g. tiny rate limits).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    [OneTimeSetUp]
    public async Task StartHostAsync() => _host = await ApiHost.StartAsync(Storage, Settings);

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
