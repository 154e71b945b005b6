using System.Security.Authentication;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// Sends each request to the node address that worked last; when no connection to it can be made (refused,
/// unreachable, connect timeout, TLS to a dead node), sends the same request to the next address. Safe for writes too:
/// a request whose connection never opened never reached a node. Remembers the address that answered; when every
/// address fails, throws <see cref="NodesUnreachableException"/> naming all of them. A certificate refusal is not a dead
/// node and is reported as is.
/// </summary>
internal sealed class NodeFailoverHandler(IReadOnlyList<Uri> addresses) : DelegatingHandler
{
    private int current;

    /// <summary>The address the next request goes to first.</summary>
    public Uri Current => addresses[Volatile.Read(ref current)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri || !addresses.Any(a => SameNode(a, uri)))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var start = Volatile.Read(ref current);
        var attempts = new List<(Uri, Exception)>(addresses.Count);
        for (var k = 0; k < addresses.Count; k++)
        {
            var index = (start + k) % addresses.Count;
            request.RequestUri = new UriBuilder(uri) { Host = addresses[index].Host, Port = addresses[index].Port }.Uri;
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (index != start)
                {
                    Volatile.Write(ref current, index);
                }

                return response;
            }
            catch (Exception e) when (NeverReachedNode(e, cancellationToken))
            {
                attempts.Add((addresses[index], e));
            }
        }

        throw new NodesUnreachableException(attempts);
    }

    /// <summary>The connection was never established, so the node never saw the request.</summary>
    internal static bool NeverReachedNode(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } tls => tls.InnerException is not AuthenticationException,
        TaskCanceledException { InnerException: TimeoutException } => !cancellationToken.IsCancellationRequested, // SocketsHttpHandler.ConnectTimeout
        _ => false,
    };

    private static bool SameNode(Uri a, Uri b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
