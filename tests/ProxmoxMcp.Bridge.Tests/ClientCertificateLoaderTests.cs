using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Tests.Infrastructure;
using ProxmoxMcp.Bridge.Transport;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>
/// Loading the client certificate, with the Windows decisions run on Linux through <see cref="KeyStoragePlatform"/>:
/// a PFX goes straight into the key store and is never exported again (Windows refuses to export its key), only a
/// PEM key takes the PKCS#12 round trip, and every failure is a configuration error naming the file.
/// </summary>
public sealed class ClientCertificateLoaderTests : IDisposable
{
    private readonly TestCertificates certificates = TestCertificates.Create();

    public void Dispose() => certificates.Dispose();

    /// <summary>Windows as the issue saw it: exporting a key loaded from a PFX fails.</summary>
    private static KeyStoragePlatform WindowsRefusingExport(List<X509Certificate2> exported) => new(needsStoredKey: true)
    {
        ExportPkcs12 = certificate =>
        {
            exported.Add(certificate);
            throw new CryptographicException("Key not valid for use in specified state.");
        },
    };

    private static KeyStoragePlatform WindowsCounting(List<X509Certificate2> exported) => new(needsStoredKey: true)
    {
        ExportPkcs12 = certificate =>
        {
            exported.Add(certificate);
            return certificate.Export(X509ContentType.Pkcs12);
        },
    };

    [Fact]
    public void Pfx_OnWindows_LoadsIntoTheUserKeySetWithoutExportingTheKey()
    {
        var exported = new List<X509Certificate2>();
        var platform = WindowsRefusingExport(exported);

        var loaded = ClientCertificateLoader.Load(certificates.ClientPfx, null, TestCertificates.PfxPassword, platform);

        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal("CN=claude-desktop", loaded.Certificate.Subject);
        Assert.Empty(exported);
        Assert.Equal(X509KeyStorageFlags.UserKeySet, platform.Pkcs12Flags);
    }

    [Fact]
    public void Pem_OnWindows_TakesOnePkcs12RoundTripAndKeepsTheSameCertificateAndKey()
    {
        var exported = new List<X509Certificate2>();
        using var pem = X509Certificate2.CreateFromPemFile(certificates.ClientPem, certificates.ClientKey);

        var loaded = ClientCertificateLoader.Load(certificates.ClientPem, certificates.ClientKey, null, WindowsCounting(exported));

        Assert.NotSame(Assert.Single(exported), loaded.Certificate);
        Assert.Equal(pem.Thumbprint, loaded.Certificate.Thumbprint);
        using var key = loaded.Certificate.GetECDsaPrivateKey();
        Assert.NotNull(key);
        var data = "signed with the stored key"u8.ToArray();
        using var publicKey = loaded.Certificate.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Pem_OnWindows_WhenTheRoundTripFails_IsAConfigurationErrorThatNamesTheFileAndTheFix()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ClientCertificateLoader.Load(certificates.ClientPem, certificates.ClientKey, null, WindowsRefusingExport([])));

        Assert.Contains($"'{certificates.ClientPem}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl pkcs12 -export", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PemAndPfx_OnLinux_AreNeverExported()
    {
        var exported = new List<X509Certificate2>();
        var linux = new KeyStoragePlatform(needsStoredKey: false) { ExportPkcs12 = c => { exported.Add(c); return []; } };

        Assert.True(ClientCertificateLoader.Load(certificates.ClientPem, certificates.ClientKey, null, linux).Certificate.HasPrivateKey);
        Assert.True(ClientCertificateLoader.Load(certificates.ClientPfx, null, TestCertificates.PfxPassword, linux).Certificate.HasPrivateKey);
        Assert.Empty(exported);
        Assert.False(linux.NeedsRoundTrip(ClientCertificateFormat.Pem));
        Assert.True(new KeyStoragePlatform(true).NeedsRoundTrip(ClientCertificateFormat.Pem));
        Assert.False(new KeyStoragePlatform(true).NeedsRoundTrip(ClientCertificateFormat.Pkcs12));
    }

    [Fact]
    public void PfxWithCaInside_AsTheInstallerWritesIt_GivesTheLeafWithKeyAndDropsTheSelfSignedRoot()
    {
        var path = Path.Combine(certificates.Directory, "bundle.pfx");
        using (var leaf = X509CertificateLoader.LoadPkcs12FromFile(certificates.ClientPfx, TestCertificates.PfxPassword))
        using (var ca = X509CertificateLoader.LoadCertificateFromFile(certificates.CaPem))
        {
            File.WriteAllBytes(path, new X509Certificate2Collection { ca, leaf }.Export(X509ContentType.Pkcs12, "pw")!);
        }

        var loaded = ClientCertificateLoader.Load(path, null, "pw", WindowsRefusingExport([]));

        Assert.Equal("CN=claude-desktop", loaded.Certificate.Subject);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Empty(loaded.Intermediates);
    }

    [Fact]
    public void Pfx_WithWrongPassword_IsAConfigurationErrorNamingTheFileAndThePasswordSetting()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ClientCertificateLoader.Load(certificates.ClientPfx, null, "wrong", KeyStoragePlatform.Current));

        Assert.StartsWith($"cannot load client certificate '{certificates.ClientPfx}' as PKCS#12/PFX", error.Message, StringComparison.Ordinal);
        Assert.Contains("MCP_CLIENT_CERT_PASSWORD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void MissingFile_IsAConfigurationErrorNamingIt()
    {
        var missing = Path.Combine(certificates.Directory, "nope.pfx");
        var error = Assert.Throws<ConfigurationException>(() => ClientCertificateLoader.Load(missing, null, null, KeyStoragePlatform.Current));
        Assert.StartsWith($"cannot read client certificate '{missing}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PemWithoutKey_SaysToGiveTheKeyOrThePfx()
    {
        var error = Assert.Throws<ConfigurationException>(() => ClientCertificateLoader.Load(certificates.ClientPem, null, null, KeyStoragePlatform.Current));
        Assert.Contains("--client-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PemWithKeyOfAnotherCertificate_IsAConfigurationErrorNamingBothFiles()
    {
        var otherKey = Path.Combine(certificates.Directory, "other.key");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(otherKey, key.ExportPkcs8PrivateKeyPem());
        }

        var error = Assert.Throws<ConfigurationException>(() => ClientCertificateLoader.Load(certificates.ClientPem, otherKey, null, KeyStoragePlatform.Current));
        Assert.Contains($"'{certificates.ClientPem}' with key '{otherKey}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptedPemKeyWithoutPassword_AsksForThePassword()
    {
        var encrypted = Path.Combine(certificates.Directory, "encrypted.key");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(encrypted, key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        }

        var error = Assert.Throws<ConfigurationException>(() => ClientCertificateLoader.Load(certificates.ClientPem, encrypted, null, KeyStoragePlatform.Current));
        Assert.Contains("is encrypted", error.Message, StringComparison.Ordinal);
    }
}
