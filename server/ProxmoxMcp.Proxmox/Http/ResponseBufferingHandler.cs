namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// Reads the whole reply body inside the resilience pipeline. HttpClient buffers a reply only after the handler chain
/// has returned the headers, so a node that sent headers and then stalled held the call beyond every timeout (bounded
/// only by the caller's token); read here, the body is covered by the attempt timeout, and a GET is retried.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
