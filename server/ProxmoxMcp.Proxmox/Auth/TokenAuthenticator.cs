namespace ProxmoxMcp.Proxmox.Auth;

/// <summary>API token: <c>Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET</c> on every request; no CSRF token needed.</summary>
internal sealed class TokenAuthenticator(string fullTokenId, string secret) : IProxmoxAuthenticator
{
    private readonly string headerValue = $"PVEAPIToken={fullTokenId}={secret}";

    public ValueTask ApplyAsync(HttpRequestMessage request, HttpMessageInvoker inner, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Authorization", headerValue);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RecoverFromUnauthorizedAsync(HttpMessageInvoker inner, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);
}
