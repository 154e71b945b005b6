using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace ProxmoxMcp.Simulator.Host;

/// <summary>
/// Serves a <see cref="SimulatedCluster"/> over real HTTPS (Kestrel) with a self-signed certificate made at start,
/// like a PVE node on port 8006: /api2/json/*, the error text in the HTTP reason phrase.
/// </summary>
public sealed class SimulatorHttpsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHttpsServer(WebApplication app, SimulatedCluster cluster, X509Certificate2 certificate, Uri baseUrl)
    {
        _app = app;
        Cluster = cluster;
        Certificate = certificate;
        BaseUrl = baseUrl;
        Fingerprint = FormatFingerprint(certificate);
        CertificatePem = certificate.ExportCertificatePem() + "\n";
    }

    public SimulatedCluster Cluster { get; }

    /// <summary>e.g. https://127.0.0.1:8006/ (the API is under api2/json/).</summary>
    public Uri BaseUrl { get; }

    /// <summary>https://host:port/api2/json/</summary>
    public Uri ApiUrl => new(BaseUrl, "api2/json/");

    /// <summary>The self-signed server certificate (with private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-256 fingerprint as the PVE GUI shows it: 32 upper-case hex pairs joined by ':'.</summary>
    public string Fingerprint { get; }

    /// <summary>The certificate as PEM (usable as a CA file by clients).</summary>
    public string CertificatePem { get; }

    /// <summary>Start on address:port (port 0 = ephemeral; address null = 127.0.0.1). Writes the certificate PEM if a path is given.</summary>
    public static async Task<SimulatorHttpsServer> StartAsync(
        SimulatedCluster cluster,
        IPAddress? address = null,
        int port = 0,
        string? certificatePemPath = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        address ??= IPAddress.Loopback;
        var certificate = CreateSelfSignedCertificate(address);
        var fingerprint = FormatFingerprint(certificate);
        cluster.SetSslFingerprint(fingerprint);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 512 * 1024;
            k.Listen(address, port, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                l.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.Run(ctx => HandleAsync(cluster, ctx));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Urls.Select(u => new Uri(u)).FirstOrDefault(u => u.Scheme == "https")
            ?? throw new InvalidOperationException("Kestrel did not report an https address");
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var baseUrl = new Uri($"https://{host}:{bound.Port}/");
        var server = new SimulatorHttpsServer(app, cluster, certificate, baseUrl);
        if (certificatePemPath is not null)
        {
            await File.WriteAllTextAsync(certificatePemPath, server.CertificatePem, cancellationToken).ConfigureAwait(false);
        }

        return server;
    }

    private static async Task HandleAsync(SimulatedCluster cluster, HttpContext ctx)
    {
        var req = ctx.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in req.Headers)
        {
            headers[h.Key] = h.Value.ToString();
        }

        string? body = null;
        if (req.ContentLength is > 0 || req.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(req.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        }

        var path = req.PathBase.Add(req.Path).ToUriComponent();
        if (!path.StartsWith("/api2/json", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = 501;
            ctx.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = "no such uri";
            await ctx.Response.WriteAsync("no such uri", ctx.RequestAborted).ConfigureAwait(false);
            return;
        }

        var sim = new SimulatedRequest(req.Method, path)
        {
            Query = req.QueryString.HasValue ? req.QueryString.Value![1..] : "",
            Body = string.IsNullOrEmpty(body) ? null : body,
            Headers = headers,
        };
        var response = await cluster.HandleAsync(sim, ctx.RequestAborted).ConfigureAwait(false);
        if (response.DropConnection)
        {
            ctx.Abort();
            return;
        }

        ctx.Response.StatusCode = response.Status;
        ctx.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = SafeReason(response.ReasonPhrase);
        foreach (var (k, v) in response.Headers)
        {
            ctx.Response.Headers[k] = v;
        }

        ctx.Response.Headers.Date = DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.ContentLength = response.Body.Length;
        if (response.Body.Length > 0)
        {
            await ctx.Response.Body.WriteAsync(response.Body, ctx.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>HTTP/1.1 reason phrases must be visible ASCII (plus space/tab); anything else becomes '?'.</summary>
    internal static string SafeReason(string reason)
    {
        if (reason.All(ch => ch is '\t' or (>= ' ' and <= '~')))
        {
            return reason;
        }

        return new string(reason.Select(ch => ch is '\t' or (>= ' ' and <= '~') ? ch : '?').ToArray());
    }

    /// <summary>A self-signed ECDSA P-256 certificate for CN=localhost with SANs localhost, 127.0.0.1, ::1 and the bind address.</summary>
    public static X509Certificate2 CreateSelfSignedCertificate(IPAddress? address = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=localhost, O=ProxmoxMcp Simulator, OU=pve-sim", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        if (address is not null && !address.Equals(IPAddress.Loopback) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            san.AddIpAddress(address);
        }

        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var cert = req.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));

        // round-trip through PKCS#12 so the private key is usable by SslStream on every platform
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>SHA-256 of the DER certificate as AA:BB:... (upper-case).</summary>
    public static string FormatFingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var hash = SHA256.HashData(certificate.RawData);
        return string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Wait until the host stops (Ctrl+C / SIGTERM or the token).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }
}
