using System.Net;
using System.Net.Sockets;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// The SSRF guard, applied when a webhook connection is opened (<see cref="SocketsHttpHandler.ConnectCallback"/>):
/// the host is resolved there and only an address that passed the check is connected to, so a DNS answer that
/// changes between check and use (rebinding) cannot reach an internal address.
/// </summary>
public static class NetworkGuard
{
    // Not publicly routable: "this" network, RFC 1918, CGNAT, loopback, link-local (cloud metadata 169.254.169.254),
    // IETF protocol assignments, documentation, benchmarking, multicast, reserved, broadcast.
    private static readonly (IPAddress Network, int Prefix)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8), (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8), (IPAddress.Parse("169.254.0.0"), 16), (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24), (IPAddress.Parse("192.0.2.0"), 24), (IPAddress.Parse("192.88.99.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16), (IPAddress.Parse("198.18.0.0"), 15), (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24), (IPAddress.Parse("224.0.0.0"), 4), (IPAddress.Parse("240.0.0.0"), 4),
    ];

    // Unspecified, loopback, discard, documentation, ULA (fc00::/7, AWS metadata fd00:ec2::254), link-local,
    // site-local, multicast.
    private static readonly (IPAddress Network, int Prefix)[] RefusedV6 =
    [
        (IPAddress.IPv6Any, 128), (IPAddress.IPv6Loopback, 128), (IPAddress.Parse("100::"), 64),
        (IPAddress.Parse("2001:db8::"), 32), (IPAddress.Parse("fc00::"), 7), (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fec0::"), 10), (IPAddress.Parse("ff00::"), 8),
    ];

    /// <summary>True for an address a webhook may not connect to unless private networks are allowed.</summary>
    public static bool IsRefused(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // An IPv4 address inside IPv6 (mapped, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged as that IPv4 address.
            if (address.IsIPv4MappedToIPv6) return IsRefused(address.MapToIPv4());
            var bytes = address.GetAddressBytes();
            if (InNetwork(address, IPAddress.Parse("64:ff9b::"), 96)) return IsRefused(new IPAddress(bytes.AsSpan(12, 4)));
            if (InNetwork(address, IPAddress.Parse("2002::"), 16)) return IsRefused(new IPAddress(bytes.AsSpan(2, 4)));
            // IPv4-compatible ::a.b.c.d (deprecated, still parsed by some stacks).
            if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0) return true;
            return RefusedV6.Any(r => InNetwork(address, r.Network, r.Prefix));
        }

        return address.AddressFamily != AddressFamily.InterNetwork || RefusedV4.Any(r => InNetwork(address, r.Network, r.Prefix));
    }

    /// <summary>
    /// Resolves the host and connects to the first allowed address; throws
    /// <see cref="WebhookTargetRefusedException"/> before any connection when none is allowed.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = allowPrivateNetworks ? addresses : addresses.Where(a => !IsRefused(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(addresses.Length == 0
                ? $"{endpoint.Host} did not resolve to any address."
                : $"{endpoint.Host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: loopback, private, link-local and metadata addresses are refused (operator setting Webhooks:AllowPrivateNetworks).");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        Span<byte> a = stackalloc byte[16], n = stackalloc byte[16];
        address.TryWriteBytes(a, out int length);
        network.TryWriteBytes(n, out _);
        int full = prefix / 8, rest = prefix % 8;
        if (!a[..full].SequenceEqual(n[..full])) return false;
        if (rest == 0 || full >= length) return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (n[full] & mask);
    }
}
