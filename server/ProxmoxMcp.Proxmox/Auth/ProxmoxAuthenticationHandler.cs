using System.Net;

namespace ProxmoxMcp.Proxmox.Auth;

/// <summary>Adds credentials to each request; on a 401 it lets the authenticator recover once and resends.</summary>
internal sealed class ProxmoxAuthenticationHandler(IProxmoxAuthenticator authenticator) : DelegatingHandler
{
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie", "CSRFPreventionToken" };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var inner = new HttpMessageInvoker(InnerHandler!, disposeHandler: false);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        await authenticator.ApplyAsync(request, inner, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !await authenticator.RecoverFromUnauthorizedAsync(inner, cancellationToken))
        {
            return response;
        }

        // 401 means PVE did not run the request, so sending it again is safe even for POST.
        response.Dispose();
        var retry = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            // Everything but the credentials, which ApplyAsync sets afresh (User-Agent, Accept, ...).
            if (!CredentialHeaders.Contains(header.Key))
            {
                retry.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (body is not null)
        {
            retry.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                retry.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        await authenticator.ApplyAsync(retry, inner, cancellationToken);
        return await base.SendAsync(retry, cancellationToken);
    }
}
