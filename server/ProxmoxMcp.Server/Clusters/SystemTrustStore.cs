using System.Runtime.InteropServices;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Clusters;

/// <summary>
/// The system's trusted certificates (/etc/ssl/certs, about 150 files): .NET on Linux reads and parses all of them at
/// the first TLS handshake, because SslStream builds a chain before it asks the validation callback, whatever the
/// callback or the chain policy (OpenSslX509ChainProcessor.InitiateChain). That costs about 1 MiB per process
/// (docs/PERFORMANCE-memory.md). When every cluster is trusted by a pinned fingerprint (or not verified at all),
/// <see cref="ProxmoxCertificateValidator"/> never looks at that chain, so the store is pointed at nothing for this
/// process (SSL_CERT_FILE and SSL_CERT_DIR empty, read natively by OpenSSL). A cluster trusted through the system
/// store or a CA file keeps it.
/// </summary>
internal static partial class SystemTrustStore
{
    private static int skipped;

    /// <summary>True when the trust decision for <paramref name="options"/> can depend on the system store.</summary>
    public static bool IsNeededBy(ProxmoxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pinned = options.Fingerprint is not null && CertificateFingerprint.TryNormalizeList(options.Fingerprint, out var list) && list.Count > 0;
        return !pinned && options.VerifySsl;
    }

    /// <summary>True when at least one cluster is reached over HTTPS and none of them needs the system store.</summary>
    public static bool IsUnusedBy(IReadOnlyList<ClusterSettings> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var real = clusters.Where(c => c.Simulation is null).ToList();
        return real.Count > 0 && !real.Any(c => IsNeededBy(c.Proxmox));
    }

    /// <summary>At start-up of a stdio server, before any handshake: no system store for this process when no cluster needs it. Once.</summary>
    public static void SkipWhenUnused(IReadOnlyList<ClusterSettings> clusters)
    {
        if (!OperatingSystem.IsLinux() || !IsUnusedBy(clusters) || Interlocked.Exchange(ref skipped, 1) == 1)
        {
            return;
        }

        // Empty, not unset: unset means OpenSSL's default directory, which .NET then reads.
        _ = SetEnv("SSL_CERT_FILE", "", 1);
        _ = SetEnv("SSL_CERT_DIR", "", 1);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
