using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HtmCloud.Client.Tests.Hosting;

/// <summary>
/// A loopback TCP proxy in front of the API whose first connections fail in chosen ways (one fault per
/// connection, in order), so the client's retries meet real dropped connections.
/// </summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly ConcurrentQueue<ProxyFault> _faults;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public FlakyProxy(Uri upstream, params ProxyFault[] faults)
    {
        _upstream = upstream;
        _faults = new ConcurrentQueue<ProxyFault>(faults);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Faults not yet used.</summary>
    public int FaultsLeft => _faults.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            var fault = _faults.TryDequeue(out var next) ? next : ProxyFault.None;
            _ = Task.Run(() => HandleAsync(client, fault));
        }
    }

    private async Task HandleAsync(Socket client, ProxyFault fault)
    {
        using (client)
        {
            try
            {
                if (fault == ProxyFault.Answer503)
                {
                    await ReadRequestAsync(client);
                    await client.SendAsync("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                    client.Shutdown(SocketShutdown.Both);
                    return;
                }
                using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await server.ConnectAsync(IPAddress.Loopback, _upstream.Port, _stop.Token);
                var upward = PumpAsync(client, server, _ => true);
                var downward = PumpAsync(server, client, _ => fault != ProxyFault.DropAfterRequest);
                await Task.WhenAny(upward, downward);
                if (fault == ProxyFault.DropAfterRequest)
                {
                    // The server has answered (so it has processed the request); the client never hears it: reset.
                    client.LingerState = new LingerOption(true, 0);
                    client.Close();
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
            }
        }
    }

    // Copies until either side closes; a chunk the filter refuses ends the copy without being forwarded.
    private async Task PumpAsync(Socket from, Socket to, Func<int, bool> forward)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await from.ReceiveAsync(buffer, _stop.Token);
            if (read == 0 || !forward(read)) return;
            await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    // Reads one request's headers and its Content-Length body, so the answer is not met by a reset.
    private async Task ReadRequestAsync(Socket client)
    {
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await client.ReceiveAsync(buffer, _stop.Token);
            if (read == 0) return;
            received.AddRange(buffer.AsSpan(0, read));
            string text = Encoding.ASCII.GetString(received.ToArray());
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var length = text[..end].Split("\r\n").Select(h => h.Split(':', 2)).FirstOrDefault(h => h[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
            int body = length is null ? 0 : int.Parse(length[1].Trim());
            if (received.Count >= end + 4 + body) return;
        }
    }
}
