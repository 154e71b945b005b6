using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Bridge.Configuration;

namespace ProxmoxMcp.Bridge.Transport;

/// <summary>
/// TLS material loaded once at start (so a bad file or password is a configuration error, exit code 2),
/// and the client side of each handshake with error messages that say what was wrong.
/// </summary>
internal sealed class TlsClientFactory : IDisposable
{
    private readonly TlsSettings settings;
    private readonly X509Certificate2Collection? trustedCas;
    private readonly X509Certificate2? clientCertificate;
    private readonly SslStreamCertificateContext? clientContext;
    private ServerCertificateValidator? lastValidator;

    private TlsClientFactory(TlsSettings settings, X509Certificate2Collection? trustedCas, X509Certificate2? clientCertificate, SslStreamCertificateContext? clientContext)
    {
        this.settings = settings;
        this.trustedCas = trustedCas;
        this.clientCertificate = clientCertificate;
        this.clientContext = clientContext;
    }

    /// <exception cref="ConfigurationException">A file cannot be read or used.</exception>
    public static TlsClientFactory Create(TlsSettings settings, KeyStoragePlatform? platform = null)
    {
        X509Certificate2Collection? cas = null;
        if (settings.CaFile is { } caFile)
        {
            cas = [];
            try
            {
                cas.ImportFromPemFile(caFile);
            }
            catch (CryptographicException ex)
            {
                throw new ConfigurationException($"cannot read CA file '{caFile}' ({ex.Message.TrimEnd('.')}): give the ca.pem from the installer's client bundle", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"cannot read CA file '{caFile}' ({ex.Message.TrimEnd('.')}): check the path and that this user may read it", ex);
            }

            if (cas.Count == 0)
            {
                throw new ConfigurationException($"CA file '{caFile}' holds no PEM certificate");
            }
        }

        X509Certificate2? client = null;
        SslStreamCertificateContext? context = null;
        if (settings.ClientCertificateFile is { } certificateFile)
        {
            var loaded = ClientCertificateLoader.Load(certificateFile, settings.ClientKeyFile, settings.ClientCertificatePassword, platform ?? KeyStoragePlatform.Current);
            client = loaded.Certificate;
            context = SslStreamCertificateContext.Create(client, loaded.Intermediates, offline: true);
        }

        return new TlsClientFactory(settings, cas, client, context);
    }

    public string Describe()
    {
        var trust = settings.ServerFingerprint is { } pin
            ? $"pinned {ValueParsers.FormatFingerprint(pin)}" + (settings.CaFile is null ? "" : $" and CA '{settings.CaFile}'")
            : settings.CaFile is { } ca ? $"CA '{ca}'" : "system trust store";
        var client = clientCertificate is null ? "no client certificate" : $"client certificate {clientCertificate.Subject}";
        return $"server name '{settings.ServerName}', {trust}, {client}";
    }

    public async Task<Stream> AuthenticateAsync(Stream inner, CancellationToken cancellationToken)
    {
        var validator = new ServerCertificateValidator(settings, trustedCas);
        lastValidator = validator;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            // SNI carries host names only; an address is still checked against the certificate's IP entries.
            TargetHost = settings.ServerName,
            RemoteCertificateValidationCallback = validator.Validate,
            ClientCertificateContext = clientContext,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };

        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
            return ssl;
        }
        catch (System.ComponentModel.Win32Exception ex) when (validator.Failure is { } refused)
        {
            // After our validator refused the server, SChannel builds a TLS alert; where it cannot (wine), that
            // surfaces as a bare Win32Exception: report the refusal like any other.
            await ssl.DisposeAsync();
            throw new System.Security.Authentication.AuthenticationException(refused, ex);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    /// <summary>Says in words what a handshake or first-read failure means.</summary>
    public string Explain(Exception exception)
    {
        if (lastValidator?.Failure is { } refused)
        {
            return refused;
        }

        return TlsFailureExplainer.Explain(exception, clientCertificate is not null);
    }

    public void Dispose() => clientCertificate?.Dispose();
}
