using System.Security.Cryptography.X509Certificates;

namespace ProxmoxMcp.Bridge.Transport;

/// <summary>The client certificate with its private key, and the certificates after it in the file (the chain up to, not always including, the CA).</summary>
internal sealed record LoadedClientCertificate(X509Certificate2 Certificate, X509Certificate2Collection Intermediates);
