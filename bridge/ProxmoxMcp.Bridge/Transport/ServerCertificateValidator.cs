using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Bridge.Configuration;

namespace ProxmoxMcp.Bridge.Transport;

/// <summary>
/// Checks the server certificate of one handshake: against a pinned SHA-256 fingerprint, against a CA file (the chain
/// must build to it), or against the system trust store, plus the expected name unless pinned. Remembers why it refused.
/// </summary>
internal sealed class ServerCertificateValidator
{
    private readonly TlsSettings settings;
    private readonly X509Certificate2Collection? trustedCas;

    public ServerCertificateValidator(TlsSettings settings, X509Certificate2Collection? trustedCas)
    {
        this.settings = settings;
        this.trustedCas = trustedCas;
    }

    /// <summary>Why the last certificate was refused, or null.</summary>
    public string? Failure { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Failure = "the server presented no certificate";
            return false;
        }

        using var owned = certificate as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        var leaf = owned ?? (X509Certificate2)certificate;
        var presented = Convert.ToHexString(leaf.GetCertHash(HashAlgorithmName.SHA256));
        if (settings.ServerFingerprint is { } pinned)
        {
            if (!string.Equals(pinned, presented, StringComparison.Ordinal))
            {
                Failure = $"server certificate fingerprint mismatch: pinned {ValueParsers.FormatFingerprint(pinned)}, " +
                    $"server presented {ValueParsers.FormatFingerprint(presented)} ({leaf.Subject})";
                return false;
            }

            if (trustedCas is null)
            {
                return true;
            }
        }

        if (trustedCas is not null)
        {
            if (ChainProblem(leaf, chain) is { } problem)
            {
                Failure = $"server certificate is not trusted: it does not chain to the CA in '{settings.CaFile}' ({problem}; " +
                    $"certificate {leaf.Subject}, issued by {leaf.Issuer})";
                return false;
            }
        }
        else if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            Failure = $"server certificate is not trusted by this computer ({leaf.Subject}, issued by {leaf.Issuer}): " +
                "give its CA with --ca-file or pin it with --server-fingerprint " +
                $"{ValueParsers.FormatFingerprint(presented)} if you trust it";
            return false;
        }

        if (settings.ServerFingerprint is null && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Failure = $"server certificate name mismatch: expected '{settings.ServerName}', the certificate is for {Names(leaf)} " +
                "(connect by one of those names or set --server-name)";
            return false;
        }

        return true;
    }

    private string? ChainProblem(X509Certificate2 leaf, X509Chain? presentedChain)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas!);
        if (presentedChain is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presentedChain.ChainPolicy.ExtraStore);
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(leaf))
        {
            return null;
        }

        var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
        return string.Join(", ", statuses);
    }

    private static string Names(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var san in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(san.EnumerateDnsNames());
            names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
        }

        if (names.Count == 0)
        {
            names.Add(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        }

        return string.Join(", ", names.Select(n => $"'{n}'"));
    }
}
