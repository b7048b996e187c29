using HtmCloud.Client.Tests.Hosting;

namespace HtmCloud.Client.Tests;

/// <summary>One API on loopback for the whole assembly; every test signs up its own tenant.</summary>
[SetUpFixture]
public sealed class ApiSetUp
{
    private static LoopbackApi? _api;

    public static LoopbackApi Api => _api ?? throw new InvalidOperationException("The API starts in OneTimeSetUp.");

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await LoopbackApi.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
    }
}
