using HtmCloud.Client.Tests.Hosting;

namespace HtmCloud.Cli.Tests;

/// <summary>One API on a real loopback port for the whole assembly; every test is a user of its own.</summary>
[SetUpFixture]
public sealed class ApiSetUp
{
    private static LoopbackApi? _api;

    public static LoopbackApi Api => _api ?? throw new InvalidOperationException("The API starts in OneTimeSetUp.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Assert.That(File.Exists(Hosting.CliSandbox.ToolPath), Is.True, $"the tool is not built at {Hosting.CliSandbox.ToolPath}");
        _api = await LoopbackApi.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
    }
}
