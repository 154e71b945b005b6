using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Bridge.Configuration;

namespace ProxmoxMcp.Bridge.Transport;

/// <summary>Loads the client certificate and its private key from a PFX, or from PEM (key in the same file or apart).</summary>
internal static class ClientCertificateLoader
{
    public static X509Certificate2 Load(string certificateFile, string? keyFile, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(certificateFile)
                ? LoadPem(certificateFile, keyFile ?? certificateFile, password)
                : X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new ConfigurationException(
                $"cannot load client certificate '{certificateFile}'{(keyFile is null ? "" : $" with key '{keyFile}'")}: " +
                $"{ex.Message.TrimEnd('.')} (wrong password, missing key, or not a certificate?)", ex);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"cannot read client certificate '{certificateFile}': {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ConfigurationException(
                $"client certificate '{certificateFile}' has no private key: give a PFX with its key, or the PEM key with --client-key");
        }

        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use the ephemeral key of a PEM-loaded certificate; a PKCS#12 round trip gives it a usable one.
            using var ephemeral = certificate;
            certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }

        return certificate;
    }

    /// <summary>Certificates after the first in a PEM file: the chain up to (not always including) the CA.</summary>
    public static X509Certificate2Collection Intermediates(string certificateFile)
    {
        var all = new X509Certificate2Collection();
        if (IsPem(certificateFile))
        {
            all.ImportFromPemFile(certificateFile);
            if (all.Count > 0)
            {
                all.RemoveAt(0);
            }
        }

        return all;
    }

    private static X509Certificate2 LoadPem(string certificateFile, string keyFile, string? password) =>
        password is null || !File.ReadAllText(keyFile).Contains("ENCRYPTED", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
            : X509Certificate2.CreateFromEncryptedPemFile(certificateFile, password, keyFile);

    private static bool IsPem(string file)
    {
        Span<byte> head = stackalloc byte[64];
        using var stream = File.OpenRead(file);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.ASCII.GetString(head[..read]).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }
}
