using System.Diagnostics;
using System.Reflection;

namespace HtmCloud.Cli.Tests.Hosting;

/// <summary>
/// A user of the built tool: a home and config folder of its own (HOME, XDG_CONFIG_HOME), the server's URL in
/// HTMCLOUD_URL, and nothing inherited that could change what the tool does.
/// <code>
/// using var user = new CliSandbox(api.Address);
/// var result = await user.RunAsync("models", "list", "--json");
/// </code>
/// </summary>
public sealed class CliSandbox : IDisposable
{
    public static readonly string ToolPath = typeof(CliSandbox).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "HtmcloudDll").Value!;

    public CliSandbox(Uri server)
    {
        Server = server;
        Directory.CreateDirectory(Home);
    }

    public Uri Server { get; }

    public string Home { get; } = Path.Combine(Path.GetTempPath(), $"htmcloud-cli-test-{Guid.NewGuid():N}");

    public string ConfigFolder => Path.Combine(Home, "config");

    public string ConfigFile => Path.Combine(ConfigFolder, "htmcloud", "config.json");

    /// <summary>Extra environment, e.g. HTMCLOUD_API_KEY.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string PathOf(string name) => Path.Combine(Home, name);

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public async Task<CliResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the tool and leaves it running (e.g. <c>results --follow</c>); the caller reads and kills it.</summary>
    public Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    public void Dispose() => Directory.Delete(Home, recursive: true);

    private ProcessStartInfo StartInfo(string[] args)
    {
        var info = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Home,
        };
        info.ArgumentList.Add(ToolPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("HTMCLOUD_API_KEY");
        info.Environment["HOME"] = Home;
        info.Environment["XDG_CONFIG_HOME"] = ConfigFolder;
        info.Environment["HTMCLOUD_URL"] = Server.AbsoluteUri;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in Environment) info.Environment[key] = value;
        return info;
    }
}
