namespace ProxmoxMcp.Proxmox.Auth;

/// <summary>Puts credentials on an outgoing request, and gets one chance to recover when PVE answers 401.</summary>
internal interface IProxmoxAuthenticator
{
    ValueTask ApplyAsync(HttpRequestMessage request, HttpMessageInvoker inner, CancellationToken cancellationToken);

    /// <summary>True when fresh credentials were obtained and the request is worth sending once more.</summary>
    ValueTask<bool> RecoverFromUnauthorizedAsync(HttpMessageInvoker inner, CancellationToken cancellationToken);
}
