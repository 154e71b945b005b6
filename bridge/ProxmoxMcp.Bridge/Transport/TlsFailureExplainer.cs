namespace ProxmoxMcp.Bridge.Transport;

/// <summary>
/// Reads the alert behind a TLS failure. With TLS 1.3 a server that refuses the client certificate says so only after
/// the handshake has completed on the client's side, so this also explains the first failed read on a new link.
/// </summary>
internal static class TlsFailureExplainer
{
    public static string Explain(Exception exception, bool sentClientCertificate)
    {
        var text = string.Join(" | ", Chain(exception).Select(e => e.Message));
        var lower = text.ToLowerInvariant();
        if (lower.Contains("certificate required", StringComparison.Ordinal)
            || (!sentClientCertificate && lower.Contains("handshake failure", StringComparison.Ordinal)))
        {
            return "the server requires a client certificate and none was sent (set --client-cert)";
        }

        if (lower.Contains("unknown ca", StringComparison.Ordinal) || lower.Contains("bad certificate", StringComparison.Ordinal)
            || lower.Contains("certificate unknown", StringComparison.Ordinal) || lower.Contains("unsupported certificate", StringComparison.Ordinal)
            || lower.Contains("access denied", StringComparison.Ordinal) || lower.Contains("decrypt error", StringComparison.Ordinal))
        {
            return sentClientCertificate
                ? $"the server rejected our client certificate (is it signed by the CA the server trusts?): {Innermost(exception)}"
                : $"the server requires a client certificate and none was sent (set --client-cert): {Innermost(exception)}";
        }

        if (lower.Contains("wrong version number", StringComparison.Ordinal) || lower.Contains("packet length too long", StringComparison.Ordinal)
            || lower.Contains("record layer failure", StringComparison.Ordinal))
        {
            return $"the server does not speak TLS on this port (is it a plain TCP listener? then drop --tls): {Innermost(exception)}";
        }

        return Innermost(exception);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static string Innermost(Exception exception) => Chain(exception).Last().Message;
}
