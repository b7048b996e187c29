using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HtmCloud.Api.Tests.Hosting;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// The real service as a child process (<c>dotnet HtmCloud.Api.dll</c>, the build output the test project copies
/// next to itself) in the Production environment, on a free loopback HTTP port and free Orleans ports, with its
/// settings as environment variables. <see cref="Kill"/> sends SIGKILL: no shutdown code runs.
/// <code>
/// await using var server = await ServerProcess.StartAsync(database.Settings);
/// using var client = server.CreateClient(apiKey);
/// server.Kill();
/// await using var again = await ServerProcess.StartAsync(database.Settings);
/// </code>
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly List<HttpClient> _clients = [];

    private ServerProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Resident memory of the process (VmRSS in /proc/&lt;pid&gt;/status), in bytes.</summary>
    public long ResidentBytes => ReadStatusKb("VmRSS:") * 1024;

    /// <summary>
    /// Starts the server with these settings (keys as in appsettings, <c>Section:Key</c>) on top of test defaults
    /// (warnings-only logging, rate limits out of the way), and waits until <c>/health/ready</c> answers 200.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        string dll = LocateApiDll();
        int[] ports = FreePorts.Take(3);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, // content root: the build output's appsettings.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[0]}";
        var all = new Dictionary<string, string?>(ApiHost.TestDefaults)
        {
            ["Cluster:SiloPort"] = ports[1].ToString(),
            ["Cluster:GatewayPort"] = ports[2].ToString(),
        };
        foreach (var (key, value) in settings) all[key] = value;
        foreach (var (key, value) in all) start.Environment[key.Replace(":", "__")] = value;

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, output, new Uri($"http://127.0.0.1:{ports[0]}"));

        using var probe = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                var why = $"The API process exited with code {process.ExitCode} before it was ready:\n{server.Output}";
                await server.DisposeAsync();
                throw new InvalidOperationException(why);
            }
            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        var timeout = $"The API process was not ready within {StartTimeout.TotalSeconds:F0} s:\n{server.Output}";
        await server.DisposeAsync();
        throw new TimeoutException(timeout);
    }

    /// <summary>A client of this server, with <c>Authorization: Bearer {apiKey}</c> when given.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>SIGKILL (on Linux <see cref="Process.Kill()"/> sends it): the process ends at once, mid-request or not.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down gracefully; waits for the exit.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        if (SendSignal(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed");
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Same as <see cref="KillAsync"/>, without waiting.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients) client.Dispose();
            _clients.Clear();
        }
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }

    /// <summary>
    /// HtmCloud.Api.dll: next to the test assembly (the project reference copies it there, built with the same
    /// configuration), else src/HtmCloud.Api's build output, built once with the test's configuration if missing.
    /// </summary>
    public static string LocateApiDll()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "HtmCloud.Api.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "HtmCloud.Api.runtimeconfig.json"))) return beside;

        string root = RepositoryRoot();
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        string built = Path.Combine(root, "src", "HtmCloud.Api", "bin", configuration, "net10.0", "HtmCloud.Api.dll");
        if (!File.Exists(built))
        {
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(root, "src", "HtmCloud.Api"), "-c", configuration])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            string log = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
            build.WaitForExit();
            if (build.ExitCode != 0 || !File.Exists(built)) throw new InvalidOperationException($"Building the API failed:\n{log}");
        }
        return built;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "HtmCloud.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No HtmCloud.sln above {AppContext.BaseDirectory}.");
    }

    private long ReadStatusKb(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        throw new InvalidOperationException($"No {key} in /proc/{_process.Id}/status.");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output)
        {
            // Keep the tail: a long run must not grow without bound.
            if (output.Length > 200_000) output.Remove(0, 100_000);
            output.AppendLine(line);
        }
    }
}
