using System.Net;
using System.Net.Sockets;

namespace ProxmoxMcp.TestSupport;

public static class FreePort
{
    /// <summary>An ephemeral TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
