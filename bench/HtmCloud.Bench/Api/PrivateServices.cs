using System.Diagnostics;
using System.Net.Sockets;

namespace HtmCloud.Bench.Api;

/// <summary>
/// PostgreSQL and Redis for a multi-node bench: those named by HTMCLOUD_BENCH_POSTGRES (Npgsql connection string) and
/// HTMCLOUD_BENCH_REDIS (host:port) when both are set, else private ones on free loopback ports in a temp folder, as
/// infra/test.sh starts them (PostgreSQL 15 from /usr/lib/postgresql/15/bin, run as the postgres user when root;
/// non-durable settings). Disposing stops the private ones and deletes their folder.
/// </summary>
internal sealed class PrivateServices : IAsyncDisposable
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private readonly string? _folder;
    private readonly Process? _redis;

    private PrivateServices(string postgres, string redis, string? folder, Process? redisProcess) =>
        (Postgres, Redis, _folder, _redis) = (postgres, redis, folder, redisProcess);

    public string Postgres { get; }
    public string Redis { get; }

    public static async Task<PrivateServices> StartAsync()
    {
        string? postgres = Environment.GetEnvironmentVariable("HTMCLOUD_BENCH_POSTGRES"), redis = Environment.GetEnvironmentVariable("HTMCLOUD_BENCH_REDIS");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(redis)) return new PrivateServices(postgres, redis, null, null);

        string folder = Directory.CreateTempSubdirectory("htmcloud-load-").FullName;
        // The postgres user writes its data folder in here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        int redisPort = ApiServerProcess.FreePort(), pgPort = ApiServerProcess.FreePort();
        var redisProcess = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", redisPort.ToString(), "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        redisProcess.OutputDataReceived += (_, _) => { };
        redisProcess.BeginOutputReadLine();
        var services = new PrivateServices($"Host=127.0.0.1;Port={pgPort};Username=postgres;Database=postgres", $"127.0.0.1:{redisPort}", folder, redisProcess);
        try
        {
            string data = Path.Combine(folder, "data");
            await AsPostgresAsync($"{PgBin}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-locale", "--encoding=UTF8", "--no-sync");
            await AsPostgresAsync($"{PgBin}/pg_ctl", "-D", data, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60", "-o",
                $"-p {pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                "start");
            await WaitForPortAsync(redisPort);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is null) return;
        string data = Path.Combine(_folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try { await AsPostgresAsync($"{PgBin}/pg_ctl", "-D", data, "stop", "-m", "immediate", "-w", "-t", "30"); }
            catch (InvalidOperationException e) { Console.Error.WriteLine($"stopping the private PostgreSQL: {e.Message}"); }
        }
        if (_redis is { HasExited: false }) _redis.Kill();
        if (_redis is not null) await _redis.WaitForExitAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    // PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
    private static async Task AsPostgresAsync(string tool, params string[] args)
    {
        bool root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        if (root) foreach (var a in new[] { "-u", "postgres", "--", tool }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(tool)} exited with {process.ExitCode}: {await output}{await error}");
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline) { }
        }
    }
}
