using HtmCloud.Cli.Tests.Hosting;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Cli.Tests.Commands;

public sealed class AuthTests
{
    [Test]
    public async Task Signup_SavesTheKey_InAConfigFileOnlyItsOwnerCanRead()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);

        var account = await CliUser.SignUpAsync(user);

        Assert.That(File.ReadAllText(user.ConfigFile), Does.Contain(account.ApiKey));
        if (OperatingSystem.IsWindows()) return;
        Assert.That(File.GetUnixFileMode(user.ConfigFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(user.ConfigFile)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public async Task Login_WithAKeyOnStdin_SavesIt_AndLaterCommandsUseIt()
    {
        using var owner = new CliSandbox(ApiSetUp.Api.Address);
        var account = CliUser.Json<Contracts.Tenants.SignupResponse>(await owner.RunAsync("signup", "--email", $"l-{Guid.NewGuid():N}@example.com", "--no-save", "--json"));
        using var user = new CliSandbox(ApiSetUp.Api.Address);

        var login = await user.RunWithInputAsync(account.ApiKey + "\n", "login");
        var models = await user.RunAsync("models", "list", "--json");

        Assert.That(login.ExitCode, Is.Zero, login.ToString());
        Assert.That(File.Exists(owner.ConfigFile), Is.False);
        Assert.That(CliUser.Json<ModelSummary[]>(models), Is.Empty);
    }

    [Test]
    public async Task ABadKey_Exits3_SayingTheKeyWasRefused()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        user.Environment["HTMCLOUD_API_KEY"] = "htm_aaaaaaaaaaaa_notthesecret";

        var result = await user.RunAsync("models", "list");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StdErr, Does.StartWith("htmcloud: the API key was refused (401)").And.Contain("htmcloud login"));
        Assert.That(result.StdOut, Is.Empty);
    }

    [Test]
    public async Task Login_WithABadKey_Exits3_AndSavesNothing()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);

        var result = await user.RunAsync("login", "--api-key", "htm_aaaaaaaaaaaa_notthesecret");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(File.Exists(user.ConfigFile), Is.False);
    }

    [Test]
    public async Task TheEnvironmentKey_OverridesTheSavedOne()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        await CliUser.SignUpAsync(user);
        user.Environment["HTMCLOUD_API_KEY"] = "htm_aaaaaaaaaaaa_notthesecret";

        var result = await user.RunAsync("models", "list");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
    }

    [Test]
    public async Task NoKeyAtAll_Exits3_SayingHowToGetOne()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);

        var result = await user.RunAsync("models", "list");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StdErr, Does.Contain("no API key: run 'htmcloud signup' or 'htmcloud login', or set HTMCLOUD_API_KEY"));
    }

    [Test]
    public async Task AnUnreachableServer_Exits6()
    {
        using var user = new CliSandbox(new Uri($"http://127.0.0.1:{Client.Tests.Hosting.FreePorts.Take(1)[0]}"));
        user.Environment["HTMCLOUD_API_KEY"] = "htm_aaaaaaaaaaaa_notthesecret";

        var result = await user.RunAsync("models", "list");

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.StdErr, Does.StartWith("htmcloud: cannot reach the server"));
    }

    [TestCase("nonsense")]
    [TestCase("models")]
    [TestCase("models", "show", "not-a-guid")]
    [TestCase("models", "create", "--name", "x")]
    [TestCase("stream", "x.csv")]
    public async Task Usage_Errors_Exit2(params string[] args)
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);
        user.Environment["HTMCLOUD_API_KEY"] = "htm_aaaaaaaaaaaa_notthesecret";

        var result = await user.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StdErr, Does.StartWith("htmcloud: "));
    }

    [Test]
    public async Task Help_Exits0_ListingTheCommands()
    {
        using var user = new CliSandbox(ApiSetUp.Api.Address);

        var result = await user.RunAsync("--help");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StdOut, Does.Contain("signup").And.Contain("stream").And.Contain("checkpoints").And.Contain("webhooks"));
    }
}
