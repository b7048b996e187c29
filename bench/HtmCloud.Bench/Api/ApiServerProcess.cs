using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HtmCloud.Bench.Api;

/// <summary>
/// The real service as a child process on a loopback port: on the embedded default storage in a temp folder, or on
/// whatever the given settings choose (env names, <c>Section__Key</c>).
/// </summary>
internal sealed class ApiServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private ApiServerProcess(Process process, string folder, Uri address, int siloPort, string database) =>
        (_process, _folder, Address, SiloPort, Database) = (process, folder, address, siloPort, database);

    public Uri Address { get; }

    /// <summary>Port of the server's silo, and the SQLite file it stores in.</summary>
    public int SiloPort { get; }
    public string Database { get; }

    /// <summary>CPU seconds the service (dotnet run and the server it started) has used so far.</summary>
    public double CpuSeconds => ProcessTreeCpu.Seconds(_process.Id);

    /// <summary>Resident memory of the server itself (the descendant of <c>dotnet run</c> that runs HtmCloud.Api), in MB.</summary>
    public double ServerResidentMb => ProcessTreeCpu.DescendantStatus(_process.Id, "HtmCloud.Api", "VmRSS") / 1024.0;

    /// <summary>Threads of the server itself (thread pool growth shows here).</summary>
    public long ServerThreads => ProcessTreeCpu.DescendantStatus(_process.Id, "HtmCloud.Api", "Threads");

    /// <param name="join">A running server whose database this one shares and whose cluster its silo joins (a second node).</param>
    /// <param name="settings">Extra environment settings, applied last (e.g. <c>Cluster=Redis</c> and <c>Storage=Postgres</c>).</param>
    public static async Task<ApiServerProcess> StartAsync(string repositoryRoot, ApiServerProcess? join = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        string folder = Directory.CreateTempSubdirectory("htmcloud-bench-").FullName;
        string database = join?.Database ?? Path.Combine(folder, "htmcloud.db");
        int port = FreePort(), silo = FreePort(), gateway = FreePort();
        var start = new ProcessStartInfo("dotnet", ["run", "-c", "Release", "--no-launch-profile", "--project", Path.Combine(repositoryRoot, "src", "HtmCloud.Api")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // dotnet run starts in the project folder; the database must be this run's own.
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        if (join is not null) start.Environment["Cluster__PrimarySiloPort"] = join.SiloPort.ToString();
        start.Environment["Cluster__SiloPort"] = silo.ToString();
        start.Environment["Cluster__GatewayPort"] = gateway.ToString();
        start.Environment["RateLimits__PermitsPerSecond"] = "1000000";
        start.Environment["RateLimits__Burst"] = "1000000";
        start.Environment["RateLimits__SignupsPerMinute"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[api] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ApiServerProcess(process, folder, new Uri($"http://127.0.0.1:{port}"), silo, database);
        using var probe = new HttpClient { BaseAddress = server.Address };
        for (var deadline = DateTime.UtcNow.AddMinutes(3); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            if (process.HasExited) throw new InvalidOperationException($"The API exited with code {process.ExitCode} before it answered.");
            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
        }
        await server.DisposeAsync();
        throw new TimeoutException("The API did not become ready within 3 minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
