using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HtmCloud.Bench.Webhooks;

/// <summary>A webhook receiver on a loopback port (HttpListener): answers 204 and counts distinct webhook-ids.</summary>
internal sealed class LoopbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _firstSeen = new();
    private readonly Task[] _loops;
    private long _requests;

    public LoopbackReceiver(int concurrency = 32)
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public int Port { get; }

    /// <summary>How long a request to a path under <c>/slow</c> takes to be answered.</summary>
    public int SlowMilliseconds { get; set; } = 2000;

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public string SlowUrl => $"http://127.0.0.1:{Port}/slow";

    public int Distinct => _firstSeen.Count;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Stopwatch timestamp of the latest first arrival of an id.</summary>
    public long LastFirstArrival => _firstSeen.IsEmpty ? 0 : _firstSeen.Values.Max();

    public void Reset() => _firstSeen.Clear();

    public async Task<bool> WaitForAsync(int distinct, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Distinct < distinct)
        {
            if (deadline.Elapsed > timeout) return false;
            await Task.Delay(10);
        }

        return true;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null);
            if (context.Request.Url?.AbsolutePath.StartsWith("/slow", StringComparison.Ordinal) == true)
            {
                _ = AnswerLaterAsync(context);
                continue;
            }

            Interlocked.Increment(ref _requests);
            var id = context.Request.Headers["webhook-id"];
            if (id is not null) _firstSeen.TryAdd(id, Stopwatch.GetTimestamp());
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    // Slow answers must not hold a listening loop, or the fast path would queue behind them.
    private async Task AnswerLaterAsync(HttpListenerContext context)
    {
        await Task.Delay(SlowMilliseconds);
        context.Response.StatusCode = 204;
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
