namespace ProxmoxMcp.Proxmox.Auth;

/// <summary>API token: <c>Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET</c> on every request; no CSRF token needed.</summary>
internal sealed class TokenAuthenticator(string fullTokenId, string secret) : IProxmoxAuthenticator
{
    private readonly string headerValue = $"PVEAPIToken={fullTokenId}={secret}";

    public ValueTask ApplyAsync(HttpRequestMessage request, HttpMessageInvoker inner, CancellationToken cancellationToken)
    {
        // The resilience handler sends the same request message again on a retry: replace, never append (a second
        // value would reach PVE as "PVEAPIToken=..., PVEAPIToken=..." and fail authentication).
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", headerValue);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RecoverFromUnauthorizedAsync(HttpMessageInvoker inner, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);
}
