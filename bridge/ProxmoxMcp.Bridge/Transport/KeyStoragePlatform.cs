using System.Security.Cryptography.X509Certificates;

namespace ProxmoxMcp.Bridge.Transport;

/// <summary>
/// What the operating system's TLS stack needs from a client certificate's private key. Windows (SChannel) cannot
/// sign with an ephemeral key, which is what PEM loading gives; a PFX loaded into the user's key set is usable as is,
/// and exporting it again fails ("Key not valid for use in specified state": its key is not exportable).
/// Injected so that the Windows decisions can be tested on any platform.
/// </summary>
internal sealed class KeyStoragePlatform
{
    public KeyStoragePlatform(bool needsStoredKey) => NeedsStoredKey = needsStoredKey;

    public static KeyStoragePlatform Current { get; } = new(OperatingSystem.IsWindows());

    /// <summary>True on Windows: the TLS stack signs only with a key held by the key store, not an ephemeral one.</summary>
    public bool NeedsStoredKey { get; }

    /// <summary>Writes a certificate and its key as PKCS#12 (a seam for tests: the real export, or one that fails like Windows does).</summary>
    public Func<X509Certificate2, byte[]> ExportPkcs12 { get; init; } = certificate => certificate.Export(X509ContentType.Pkcs12);

    /// <summary>
    /// Flags for loading a PFX: on Windows the current user's key set (never the machine's, which needs
    /// administrator rights), not exportable; elsewhere the default, which is already an in-memory key.
    /// </summary>
    public X509KeyStorageFlags Pkcs12Flags => NeedsStoredKey ? X509KeyStorageFlags.UserKeySet : X509KeyStorageFlags.DefaultKeySet;

    /// <summary>A PFX is loaded straight into the key store; only a PEM-loaded (ephemeral) key needs a PKCS#12 round trip.</summary>
    public bool NeedsRoundTrip(ClientCertificateFormat format) => NeedsStoredKey && format == ClientCertificateFormat.Pem;
}

/// <summary>How the client certificate file is encoded, judged from its first bytes.</summary>
internal enum ClientCertificateFormat
{
    Pkcs12,
    Pem,
}
