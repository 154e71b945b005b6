using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Proxmox.Auth;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Protection;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// Builds the one HttpClient the client uses: the guest guard (outermost: PROXMOX_MCP_PROTECT/ALLOW), then resilience, then reading the whole reply (so timeouts cover
/// the body), then authentication, then the transport,
/// a pooled keep-alive SocketsHttpHandler with the certificate policy, or a supplied handler (the simulator, tests).
/// </summary>
public static class ProxmoxHttpClientFactory
{
    internal const string UserAgent = "proxmox-mcp";

    public static HttpClient Create(ProxmoxOptions options, ProxmoxCertificateValidator certificates, TimeProvider time, HttpMessageHandler? transport = null, GuestGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var authentication = new ProxmoxAuthenticationHandler(CreateAuthenticator(options, time))
        {
            InnerHandler = transport ?? CreateTransport(options, certificates),
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
        return new SocketsHttpHandler
        {
            ConnectTimeout = options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.GZip,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    certificates.Validate(host, certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)), chain, errors),
            },
        };
    }
}
