using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ProxmoxMcp.Bridge.Configuration;

namespace ProxmoxMcp.Bridge.Transport;

/// <summary>
/// Loads the client certificate, its private key and any intermediates from a PFX, or from PEM (key in the same file
/// or apart): each file read once, the key stored the way the platform's TLS stack can use it. Every failure is a
/// <see cref="ConfigurationException"/> (exit code 2) with one sentence naming the file and what to do.
/// </summary>
internal static class ClientCertificateLoader
{
    private const string PasswordHint = "--client-cert-password / MCP_CLIENT_CERT_PASSWORD";

    public static LoadedClientCertificate Load(string certificateFile, string? keyFile, string? password, KeyStoragePlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var bytes = Read(certificateFile, "client certificate");
        var format = IsPem(bytes) ? ClientCertificateFormat.Pem : ClientCertificateFormat.Pkcs12;
        var loaded = format == ClientCertificateFormat.Pem
            ? LoadPem(certificateFile, bytes, keyFile, password)
            : LoadPkcs12(certificateFile, bytes, password, platform.Pkcs12Flags);

        if (!platform.NeedsRoundTrip(format))
        {
            return loaded;
        }

        // SChannel cannot sign with the ephemeral key of a PEM-loaded certificate; a PKCS#12 round trip stores it.
        using var ephemeral = loaded.Certificate;
        try
        {
            var stored = X509CertificateLoader.LoadPkcs12(platform.ExportPkcs12(ephemeral), null, platform.Pkcs12Flags);
            return loaded with { Certificate = stored };
        }
        catch (CryptographicException ex)
        {
            throw new ConfigurationException(
                $"cannot hand the PEM key of client certificate '{certificateFile}' to the Windows key store ({Reason(ex)}): " +
                "convert it to a PFX (openssl pkcs12 -export -in CERT -inkey KEY -out client.pfx) and give that with --client-cert", ex);
        }
    }

    private static LoadedClientCertificate LoadPkcs12(string file, byte[] bytes, string? password, X509KeyStorageFlags flags)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(bytes, password, flags);
        }
        catch (CryptographicException ex)
        {
            throw new ConfigurationException(
                $"cannot load client certificate '{file}' as PKCS#12/PFX ({Reason(ex)}): check that {PasswordHint} is its password " +
                "(the installer's pfx-password.txt) and that the file is the .pfx from the client bundle, not damaged in the copy", ex);
        }

        var leaf = all.FirstOrDefault(c => c.HasPrivateKey);
        if (leaf is null)
        {
            DisposeAll(all);
            throw new ConfigurationException(
                $"client certificate '{file}' holds no private key: export the PFX with its key (openssl pkcs12 -export -inkey KEY ...)");
        }

        var intermediates = new X509Certificate2Collection();
        foreach (var other in all)
        {
            if (ReferenceEquals(other, leaf))
            {
                continue;
            }

            if (other.SubjectName.RawData.AsSpan().SequenceEqual(other.IssuerName.RawData))
            {
                other.Dispose(); // a self-signed root: the server has it already
            }
            else
            {
                intermediates.Add(other);
            }
        }

        return new LoadedClientCertificate(leaf, intermediates);
    }

    private static LoadedClientCertificate LoadPem(string file, byte[] bytes, string? keyFile, string? password)
    {
        var certificateText = Encoding.UTF8.GetString(bytes);
        var keyText = keyFile is null ? certificateText : Encoding.UTF8.GetString(Read(keyFile, "client key"));
        var keySource = keyFile ?? file;
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new ConfigurationException(keyFile is null
                ? $"client certificate '{file}' is PEM without a private key: give the key file with --client-key, or use the .pfx"
                : $"client key '{keyFile}' holds no PEM private key: give the key that belongs to '{file}'");
        }

        var encrypted = keyText.Contains("ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && password is null)
        {
            throw new ConfigurationException($"client key '{keySource}' is encrypted: give its password with {PasswordHint}");
        }

        X509Certificate2 certificate;
        var chain = new X509Certificate2Collection();
        try
        {
            certificate = encrypted
                ? X509Certificate2.CreateFromEncryptedPem(certificateText, keyText, password)
                : X509Certificate2.CreateFromPem(certificateText, keyText);
            chain.ImportFromPem(certificateText);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new ConfigurationException(
                $"cannot load client certificate '{file}' with key '{keySource}' ({Reason(ex)}): check that the key belongs to the certificate" +
                (encrypted ? $" and that {PasswordHint} is the key's password" : ""), ex);
        }

        if (chain.Count > 0)
        {
            chain[0].Dispose();
            chain.RemoveAt(0);
        }

        return new LoadedClientCertificate(certificate, chain);
    }

    private static byte[] Read(string file, string what)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException($"cannot read {what} '{file}' ({ex.Message.TrimEnd('.')}): check the path and that this user may read it", ex);
        }
    }

    /// <summary>PKCS#12 is DER and starts with a SEQUENCE tag; PEM is text with a BEGIN line, possibly after "Bag Attributes" lines.</summary>
    private static bool IsPem(byte[] bytes) =>
        bytes.Length > 0 && bytes[0] != 0x30 && bytes.AsSpan().IndexOf("-----BEGIN "u8) >= 0;

    private static string Reason(Exception ex)
    {
        // Some platforms (wine among them) report a failed import as "Success" or an empty text: say nothing rather than that.
        var message = ex.Message.Trim().TrimEnd('.');
        return message.Length == 0 || message.Equals("Success", StringComparison.OrdinalIgnoreCase) ? "the system gave no reason" : message;
    }

    private static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
