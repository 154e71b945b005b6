using System.Text.Json;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Json;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox.Auth;

/// <summary>
/// Password login: <c>POST /access/ticket</c> gives a ticket (a cookie) and a CSRF token for every non-GET request.
/// Tickets live two hours; this renews them after <see cref="RenewAfter"/> by posting the old ticket as the password,
/// and logs in again once when PVE answers 401.
/// </summary>
internal sealed class TicketAuthenticator(Uri baseAddress, string userId, string password, TimeProvider time) : IProxmoxAuthenticator, IDisposable
{
    public static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(90);

    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessTicket? current;
    private DateTimeOffset issuedAt;

    public async ValueTask ApplyAsync(HttpRequestMessage request, HttpMessageInvoker inner, CancellationToken cancellationToken)
    {
        var ticket = await GetTicketAsync(inner, cancellationToken);

        // A retried request is the same message: replace the credentials of the previous attempt, never append.
        request.Headers.Remove("Cookie");
        request.Headers.Remove("CSRFPreventionToken");
        request.Headers.TryAddWithoutValidation("Cookie", $"PVEAuthCookie={ticket.Ticket}");
        if (request.Method != HttpMethod.Get && ticket.CsrfPreventionToken is { } csrf)
        {
            request.Headers.TryAddWithoutValidation("CSRFPreventionToken", csrf);
        }
    }

    public async ValueTask<bool> RecoverFromUnauthorizedAsync(HttpMessageInvoker inner, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            current = null;
            await LoginAsync(inner, password, cancellationToken);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask<AccessTicket> GetTicketAsync(HttpMessageInvoker inner, CancellationToken cancellationToken)
    {
        var ticket = Volatile.Read(ref current);
        if (ticket is not null && time.GetUtcNow() - issuedAt < RenewAfter)
        {
            return ticket;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is not null && time.GetUtcNow() - issuedAt < RenewAfter)
            {
                return current;
            }

            if (current is not null)
            {
                try
                {
                    return await LoginAsync(inner, current.Ticket, cancellationToken);
                }
                catch (ProxmoxApiException e) when (e.StatusCode == 401)
                {
                    // The old ticket could not be renewed (expired or revoked): log in with the password below.
                }
            }

            return await LoginAsync(inner, password, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<AccessTicket> LoginAsync(HttpMessageInvoker inner, string secret, CancellationToken cancellationToken)
    {
        var form = new PveParameters().Add("username", userId).Add("password", secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "access/ticket"))
        {
            Content = FormContent.Create(form),
            Headers = { { "User-Agent", ProxmoxHttpClientFactory.UserAgent } },
        };
        using var response = await inner.SendAsync(request, cancellationToken);
        using var parsed = await PveResponse.ReadAsync(response, "POST", "/access/ticket", cancellationToken);
        var ticket = parsed.Data.Deserialize(ProxmoxJsonContext.Default.AccessTicket)
            ?? throw new ProxmoxApiException(401, "Authentication failed!", null, new Dictionary<string, string>(), "POST", "/access/ticket");
        if (ticket.NeedTfa)
        {
            throw new ProxmoxApiException(
                401, "Two-factor authentication required", "This account requires a second factor; use an API token instead of a password.",
                new Dictionary<string, string>(), "POST", "/access/ticket");
        }

        issuedAt = time.GetUtcNow();
        Volatile.Write(ref current, ticket);
        return ticket;
    }

    public void Dispose() => gate.Dispose();
}
