using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HtmCloud.Api.Cluster;

/// <summary>Resolves <see cref="ClusterSettings.AdvertisedAddress"/>: an IP, a host name, or (unset) this machine's address.</summary>
public static class AdvertisedAddress
{
    public static IPAddress Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return FirstExternalIPv4() ?? IPAddress.Loopback;
        if (IPAddress.TryParse(configured, out var ip)) return ip;
        var addresses = Dns.GetHostAddresses(configured);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"Cluster:AdvertisedAddress '{configured}' does not resolve to an address.");
    }

    private static IPAddress? FirstExternalIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
