using System.Net;
using System.Net.Sockets;

namespace HtmCloud.Client.Tests.Hosting;

/// <summary>Loopback ports nothing listens on, for the host's Orleans silo and gateway.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        // All listeners stay open until every port is read, so the ports differ from each other.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
