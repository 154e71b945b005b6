using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Proxmox.Configuration;

namespace ProxmoxMcp.Proxmox;

/// <summary>
/// Decides whether to trust the node's certificate: a pinned SHA-256 fingerprint, else a CA file, else the system
/// store; or anything at all when verification is switched off. Remembers the last refusal for the error message.
/// </summary>
public sealed class ProxmoxCertificateValidator
{
    private readonly IReadOnlySet<string>? pinned;
    private readonly X509Certificate2Collection? trustedRoots;
    private readonly bool verify;
    private TlsFailure? lastFailure;

    public ProxmoxCertificateValidator(ProxmoxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        verify = options.VerifySsl;
        if (options.Fingerprint is not null && CertificateFingerprint.TryNormalizeList(options.Fingerprint, out var normalized))
        {
            pinned = normalized;
        }

        if (options.CaFile is { } caFile && File.Exists(caFile))
        {
            trustedRoots = [];
            trustedRoots.ImportFromPemFile(caFile);
        }
    }

    /// <summary>The most recent refusal, if any.</summary>
    public TlsFailure? LastFailure => Volatile.Read(ref lastFailure);

    public bool Validate(string host, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return Refuse(host, "", "the server presented no certificate");
        }

        var fingerprint = CertificateFingerprint.Of(certificate);
        if (pinned is not null)
        {
            return pinned.Contains(fingerprint) || Refuse(host, fingerprint, $"its SHA-256 fingerprint does not match PROXMOX_FINGERPRINT ({string.Join(", ", pinned)})");
        }

        if (!verify)
        {
            return true;
        }

        if (trustedRoots is not null)
        {
            return ValidateAgainstCaFile(host, certificate, chain, errors, fingerprint);
        }

        return errors == SslPolicyErrors.None || Refuse(host, fingerprint, Describe(errors, chain));
    }

    private bool ValidateAgainstCaFile(string host, X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors, string fingerprint)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Refuse(host, fingerprint, $"the certificate is not issued for '{host}' (connect by a name or address the node's certificate lists)");
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(trustedRoots!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        }

        return custom.Build(certificate)
            || Refuse(host, fingerprint, "it is not signed by a CA in PROXMOX_CA_FILE (" + string.Join(", ", custom.ChainStatus.Select(s => s.StatusInformation.Trim())) + ")");
    }

    private static string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var status = chain?.ChainStatus.Select(s => s.Status).ToArray() ?? [];
            return status.Contains(X509ChainStatusFlags.UntrustedRoot) || status.Contains(X509ChainStatusFlags.PartialChain)
                ? "it is signed by a CA this machine does not trust (Proxmox nodes use a self-signed cluster CA by default)"
                : "its chain is not valid (" + string.Join(", ", status) + ")";
        }

        return errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            ? "it is not issued for this host name"
            : errors.ToString();
    }

    private bool Refuse(string host, string fingerprint, string reason)
    {
        Volatile.Write(ref lastFailure, new TlsFailure(host, fingerprint, reason));
        return false;
    }
}
