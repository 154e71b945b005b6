using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Proxmox.Auth;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Protection;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// Builds the one HttpClient the client uses: the guest guard (outermost: PROXMOX_MCP_PROTECT/ALLOW), then resilience, then reading the whole reply (so timeouts cover
/// the body), then authentication, then node failover (only with several addresses), then the transport,
/// a pooled keep-alive SocketsHttpHandler with the certificate policy, or a supplied handler (the simulator, tests).
/// </summary>
public static class ProxmoxHttpClientFactory
{
    internal const string UserAgent = "proxmox-mcp";

    public static HttpClient Create(ProxmoxOptions options, ProxmoxCertificateValidator certificates, TimeProvider time, HttpMessageHandler? transport = null, GuestGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var addresses = options.BaseAddresses;
        var inner = transport ?? CreateTransport(options, certificates);
        var authentication = new ProxmoxAuthenticationHandler(CreateAuthenticator(options, time))
        {
            // Innermost, so the ticket login fails over like every other request (a ticket is valid on every node).
            InnerHandler = addresses.Count > 1 ? new NodeFailoverHandler(addresses) { InnerHandler = inner } : inner,
        };
        var buffering = new ResponseBufferingHandler { InnerHandler = authentication };
        var resilience = ProxmoxResilience.CreateHandler(options, time);
        resilience.InnerHandler = buffering;
        HttpMessageHandler outer = guard is null ? resilience : new GuestGuardHandler(guard) { InnerHandler = resilience };
        return new HttpClient(outer)
        {
            BaseAddress = options.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan, // the resilience pipeline owns timeouts
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultRequestHeaders = { { "User-Agent", UserAgent } },
        };
    }

    private static IProxmoxAuthenticator CreateAuthenticator(ProxmoxOptions options, TimeProvider time) => options.AuthMode switch
    {
        ProxmoxAuthMode.Token => new TokenAuthenticator(options.FullTokenId!, options.TokenSecret!),
        ProxmoxAuthMode.Password => new TicketAuthenticator(options.BaseAddress, options.UserId, options.Password!, time),
        _ => throw new InvalidOperationException("No Proxmox credentials configured: set PROXMOX_TOKEN_ID and PROXMOX_TOKEN_SECRET, or PROXMOX_PASSWORD."),
    };

    private static SocketsHttpHandler CreateTransport(ProxmoxOptions options, ProxmoxCertificateValidator certificates)
    {
        var host = options.BaseAddress.Host;
        var addresses = options.BaseAddresses.Count;

        // With several addresses a dead node must not use up the attempt: give each connect a share of it (at least 2 s).
        var connect = addresses > 1 ? TimeSpan.FromTicks(Math.Max(options.AttemptTimeout.Ticks / addresses, TimeSpan.FromSeconds(2).Ticks)) : options.AttemptTimeout;
        return new SocketsHttpHandler
        {
            ConnectTimeout = connect < options.AttemptTimeout ? connect : options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.GZip,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Pin and CA apply to every address; the failure names the address that presented the certificate.
                RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                    certificates.Validate(sender is SslStream { TargetHostName: { Length: > 0 } target } ? target : host, certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)), chain, errors),
            },
        };
    }
}
