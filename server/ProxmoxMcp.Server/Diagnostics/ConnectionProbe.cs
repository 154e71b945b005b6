using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Diagnostics;

/// <summary>
/// The network half of `check`, one layer at a time so the first failing layer is the one reported: name
/// resolution, a TCP connection, then the TLS handshake, whose certificate is judged by the same
/// <see cref="ProxmoxCertificateValidator"/> the server uses (the probe itself accepts any certificate, to show it).
/// </summary>
public static class ConnectionProbe
{
    /// <summary>Runs the probe; returns the fingerprint the node presented when the handshake got that far, and whether every step passed.</summary>
    public static async Task<(bool Passed, string? PresentedFingerprint)> RunAsync(ProxmoxOptions options, CheckReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var host = options.BaseAddress.Host;
        var dnsHost = options.BaseAddress.IdnHost.Trim('[', ']');
        var port = options.BaseAddress.Port;
        var timeout = options.AttemptTimeout < TimeSpan.FromSeconds(10) ? options.AttemptTimeout : TimeSpan.FromSeconds(10);

        report.Section($"Network ({host}:{port})");
        var addresses = await ResolveAsync(dnsHost, report, timeout, cancellationToken);
        if (addresses.Count == 0)
        {
            report.Skip("TCP and TLS: nothing to connect to.");
            return (false, null);
        }

        using var socket = await ConnectAsync(addresses, port, report, timeout, cancellationToken);
        if (socket is null)
        {
            report.Skip("TLS: no connection.");
            return (false, null);
        }

        report.Section("TLS (the node's certificate)");
        return await HandshakeAsync(socket, host, options, report, timeout, cancellationToken);
    }

    private static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CheckReport report, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            report.Ok($"DNS: not needed, {SettingNames.Host} is an address ({literal}).");
            return [literal];
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, deadline.Token);
            if (addresses.Length == 0)
            {
                report.Fail($"DNS: '{host}' resolves to no address. Check {SettingNames.Host}, or use the node's IP address.");
                return [];
            }

            report.Ok($"DNS: {host} -> {string.Join(", ", addresses.Select(a => a.ToString()))}");
            return addresses;
        }
        catch (SocketException e)
        {
            report.Fail($"DNS: cannot resolve '{host}' ({e.SocketErrorCode}). Check {SettingNames.Host} for typos, this machine's DNS (/etc/resolv.conf), or use the node's IP address.");
            return [];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            report.Fail($"DNS: no answer for '{host}' within {timeout.TotalSeconds:0} s. Check this machine's DNS (/etc/resolv.conf), or use the node's IP address in {SettingNames.Host}.");
            return [];
        }
    }

    private static async Task<Socket?> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CheckReport report, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var started = Stopwatch.StartNew();
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token);
                report.Ok($"TCP: {Endpoint(address, port)} accepts connections ({started.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture)} ms).");
                return socket;
            }
            catch (SocketException e)
            {
                failures.Add($"{Endpoint(address, port)}: {Describe(e.SocketErrorCode, port)}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{Endpoint(address, port)}: no answer within {timeout.TotalSeconds:0} s (a firewall dropping TCP {port}, or the node is down)");
            }

            socket.Dispose();
        }

        report.Fail("TCP: cannot connect.\n" + string.Join("\n", failures));
        return null;
    }

    private static string Describe(SocketError error, int port) => error switch
    {
        SocketError.ConnectionRefused => $"connection refused (nothing listens on {port}: is pveproxy running, and is {SettingNames.Port} right? Proxmox uses 8006)",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => $"{error} (check routing and that the node is up)",
        SocketError.TimedOut => $"timed out (a firewall dropping TCP {port}, or the node is down)",
        SocketError.AccessDenied => "access denied (a local firewall or sandbox forbids the connection)",
        _ => error.ToString(),
    };

    private static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    private static async Task<(bool Passed, string? PresentedFingerprint)> HandshakeAsync(
        Socket socket, string host, ProxmoxOptions options, CheckReport report, TimeSpan timeout, CancellationToken cancellationToken)
    {
        X509Certificate2? presented = null;
        X509Chain? presentedChain = null;
        var policyErrors = SslPolicyErrors.None;
        var validator = new ProxmoxCertificateValidator(options);
        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await stream.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    {
                        // Keep what the node presented; judge it below with the server's own validator.
                        presented = certificate is null ? null : new X509Certificate2(certificate);
                        if (chain is not null && presented is not null)
                        {
                            // The handshake disposes its chain: rebuild a copy with the same certificates for the validator.
                            presentedChain = new X509Chain();
                            presentedChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                            presentedChain.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => new X509Certificate2(e.Certificate)).ToArray());
                            presentedChain.Build(presented);
                        }

                        policyErrors = errors;
                        return true;
                    },
                },
                deadline.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            report.Fail($"TLS handshake with {host} failed: {(e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : e.Message)}. " +
                $"Is {SettingNames.Port} the Proxmox API port (8006) and not another service?");
            return (false, null);
        }

        using (presented)
        using (presentedChain)
        {
            if (presented is null)
            {
                report.Fail("TLS: the node presented no certificate.");
                return (false, null);
            }

            var fingerprint = CertificateFingerprint.Of(presented);
            report.Info($"{host} presents \"{presented.GetNameInfo(X509NameType.SimpleName, false)}\", issued by \"{presented.GetNameInfo(X509NameType.SimpleName, true)}\", " +
                $"valid until {presented.NotAfter.ToUniversalTime():yyyy-MM-dd} ({stream.SslProtocol}).");
            report.Info($"SHA-256 fingerprint: {fingerprint}");
            if (presented.NotAfter.ToUniversalTime() < DateTime.UtcNow)
            {
                report.Warn($"The node's certificate expired on {presented.NotAfter.ToUniversalTime():yyyy-MM-dd}: renew it on the node (pvenode cert set / ACME, or pvecm updatecerts --force).");
            }

            var accepted = validator.Validate(host, presented, presentedChain, policyErrors);
            return (Judge(accepted, validator.LastFailure, fingerprint, options, report), fingerprint);
        }
    }

    private static bool Judge(bool accepted, TlsFailure? failure, string fingerprint, ProxmoxOptions options, CheckReport report)
    {
        var pinHint = $"If this is your node's certificate (GUI: node > System > Certificates, or `pvenode cert info` on the node), " +
            $"pin it: {SettingNames.Fingerprint}={fingerprint}";
        if (options.Fingerprint is not null)
        {
            if (accepted)
            {
                report.Ok($"Pinned: the certificate matches {SettingNames.Fingerprint}.");
                return true;
            }

            report.Fail($"Refused: the certificate does not match the pinned {SettingNames.Fingerprint}. The node's certificate may have been renewed, " +
                $"or something else answers at this address.\n{pinHint}");
            return false;
        }

        if (!options.VerifySsl)
        {
            report.Warn($"Accepted WITHOUT verification ({SettingNames.VerifySsl}=false): anyone on the network path could impersonate the node and read the token.\n{pinHint} (and drop {SettingNames.VerifySsl}=false)");
            return true;
        }

        if (accepted)
        {
            report.Ok(options.CaFile is not null
                ? $"Trusted: it chains to the CA in {SettingNames.CaFile} ({options.CaFile})."
                : "Trusted: it chains to a CA in this machine's trust store.");
            return true;
        }

        report.Fail($"Refused: {failure?.Reason ?? "the certificate is not trusted"}.\n{pinHint}\n" +
            $"or set {SettingNames.CaFile} to a copy of the cluster CA (/etc/pve/pve-root-ca.pem on any node).");
        return false;
    }
}
