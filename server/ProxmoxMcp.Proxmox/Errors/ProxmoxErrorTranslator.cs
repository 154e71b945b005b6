using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using Polly.Timeout;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Http;

namespace ProxmoxMcp.Proxmox.Errors;

/// <summary>
/// The one mapping from Proxmox and transport failures to messages a model (or a person) can act on: what went
/// wrong, in PVE's words where it has them, and what to do next. Never includes a secret.
/// </summary>
public sealed partial class ProxmoxErrorTranslator(ProxmoxOptions options, ProxmoxCertificateValidator? certificates = null)
{
    /// <summary>
    /// Describes a failure, or returns null when it is not a Proxmox or transport failure.
    /// <paramref name="knownNodes"/> is asked for the node names when a node looks unreachable or misspelt.
    /// </summary>
    public async Task<string?> DescribeAsync(Exception exception, Func<CancellationToken, Task<IReadOnlyList<string>>>? knownNodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ProxmoxArgumentException e => e.Reason,
            Protection.GuestProtectedException e => e.Message,
            ProxmoxApiException { StatusCode: 595 or 596 or 599 } e => await DescribeUnreachableNodeAsync(e, knownNodes, cancellationToken),
            ProxmoxApiException { StatusCode: 500 } e when UnknownHostName().IsMatch(e.PveMessage) => await DescribeUnreachableNodeAsync(e, knownNodes, cancellationToken),
            ProxmoxApiException e => DescribeApiError(e),
            TimeoutRejectedException => $"Proxmox at {Endpoint} did not answer within {Seconds(options.AttemptTimeout)} (per attempt) / {Seconds(options.TotalTimeout)} (in all). " +
                "The node may be overloaded or unreachable; try again, or check the network path to it.",
            NodesUnreachableException e => DescribeNodesUnreachable(e),
            HttpRequestException e => DescribeTransportError(e),
            _ => null,
        };
    }

    private string Endpoint => $"{options.BaseAddress.Host}:{options.BaseAddress.Port}";

    private string DescribeApiError(ProxmoxApiException e) => e.StatusCode switch
    {
        401 => DescribeUnauthorized(e),
        403 => DescribePermissionDenied(e),
        400 when e.Errors.Count > 0 => "Proxmox refused the request's parameters: " +
            string.Join("; ", e.Errors.Select(p => $"{p.Key}: {p.Value}")) + ".",
        500 when e.PveMessage.Contains("No QEMU guest agent configured", StringComparison.Ordinal) =>
            $"Proxmox: {e.PveMessage}. The VM's guest agent option is off: set agent=1 in its config (update_vm_config), install qemu-guest-agent in the guest, then restart the VM.",
        500 when e.PveMessage.Contains("QEMU guest agent is not running", StringComparison.Ordinal) =>
            $"Proxmox: {e.PveMessage}. The VM runs but its agent does not answer: it may still be booting (try again shortly), or qemu-guest-agent is not installed or not started inside the guest.",
        500 when e.PveMessage.Contains("does not exist", StringComparison.OrdinalIgnoreCase) => DescribeNotFound(e),
        501 when e.PveMessage.Contains("not implemented by the simulator", StringComparison.Ordinal) =>
            $"The simulated cluster does not implement {e.Method} {e.Path}; a real Proxmox VE has it.",
        501 => $"Proxmox does not implement {e.Method} {e.Path} ({e.PveMessage}). The cluster may run a Proxmox VE version older than this tool supports (8.4 or 9.x).",
        _ => $"Proxmox error (HTTP {e.StatusCode}): {e.PveMessage}",
    };

    private string DescribeUnauthorized(ProxmoxApiException e)
    {
        var what = options.AuthMode == ProxmoxAuthMode.Token
            ? $"the API token '{options.FullTokenId}' was refused. Check PROXMOX_TOKEN_ID and PROXMOX_TOKEN_SECRET, and that the token still exists and has not expired (Datacenter > Permissions > API Tokens)"
            : $"the login of '{options.UserId}' was refused. Check PROXMOX_USERNAME, PROXMOX_REALM (pam or pve) and PROXMOX_PASSWORD";
        return $"Authentication failed ({e.PveMessage}): {what}.";
    }

    private string DescribePermissionDenied(ProxmoxApiException e)
    {
        var match = PermissionCheck().Match(e.PveMessage);
        var missing = match.Success ? $"the privilege {match.Groups["priv"].Value} on {match.Groups["path"].Value}" : "a privilege this action needs";
        var hint = options.AuthMode == ProxmoxAuthMode.Token
            ? $" An API token with privilege separation has only the permissions granted to the token itself: grant a role to '{options.FullTokenId}' " +
              $"(e.g. pveum acl modify {(match.Success ? match.Groups["path"].Value : "/")} --tokens '{options.FullTokenId}' --roles PVEVMAdmin), or recreate it without privilege separation."
            : $" Grant '{options.UserId}' a role that includes it (pveum acl modify PATH --users '{options.UserId}' --roles ROLE).";
        return $"Permission denied: Proxmox says '{e.PveMessage}'. The credentials lack {missing}.{hint}";
    }

    private static string DescribeNotFound(ProxmoxApiException e)
    {
        var config = GuestConfigFile().Match(e.PveMessage);
        if (config.Success)
        {
            var (kind, other, tools) = config.Groups["kind"].Value == "qemu-server"
                ? ("VM", "container", "the *_container tools")
                : ("Container", "VM", "the *_vm tools");
            return $"{kind} {config.Groups["vmid"].Value} does not exist on node {config.Groups["node"].Value} (Proxmox: {e.PveMessage}). " +
                $"Check the id and the node: get_cluster_resources lists every guest with its node and type. If {config.Groups["vmid"].Value} is a {other}, use {tools}.";
        }

        return $"Not found: {e.PveMessage}. List what exists first (get_cluster_resources, get_storages, get_snapshots, get_pools).";
    }

    private static async Task<string> DescribeUnreachableNodeAsync(
        ProxmoxApiException e, Func<CancellationToken, Task<IReadOnlyList<string>>>? knownNodes, CancellationToken cancellationToken)
    {
        var node = NodeInPath().Match(e.Path) is { Success: true } m ? Uri.UnescapeDataString(m.Groups["node"].Value) : null;
        var known = "";
        if (knownNodes is not null)
        {
            try
            {
                var names = await knownNodes(cancellationToken);
                known = names.Count == 0 ? "" : $" Known nodes: {string.Join(", ", names)}.";
                if (node is not null && names.Count > 0 && !names.Contains(node, StringComparer.Ordinal))
                {
                    return $"There is no node '{node}' in this cluster (Proxmox: {e.PveMessage}).{known}";
                }
            }
            catch (Exception lookup) when (lookup is ProxmoxApiException or HttpRequestException or TimeoutRejectedException)
            {
                // The node list is a hint only; report the original failure without it.
            }
        }

        return $"Node '{node ?? "?"}' is not reachable from the node this server talks to (HTTP {e.StatusCode} {e.PveMessage}): it may be offline, " +
            $"rebooting or cut off from the cluster network.{known} Try again later, or act on a guest through a node that is online.";
    }

    private string DescribeTransportError(HttpRequestException e)
    {
        if (e.InnerException is AuthenticationException)
        {
            var failure = certificates?.LastFailure;
            if (failure is null)
            {
                return $"TLS handshake with {Endpoint} failed: {e.InnerException.Message}";
            }

            var fingerprint = failure.PresentedFingerprint;
            return $"The TLS certificate of {failure.Host} was refused: {failure.Reason}. It presented the SHA-256 fingerprint {fingerprint}. " +
                "If that matches your node (GUI: node > System > Certificates, or `pvenode cert info` on the node), trust it with " +
                $"PROXMOX_FINGERPRINT={fingerprint}, or set PROXMOX_CA_FILE to a copy of the cluster CA (/etc/pve/pve-root-ca.pem).";
        }

        var socket = FindInner<SocketException>(e);
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"Connection refused by {Endpoint}: is this a Proxmox VE node, is pveproxy running, and is PROXMOX_PORT right (Proxmox uses 8006)?",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
                $"Cannot resolve PROXMOX_HOST '{options.BaseAddress.Host}' (DNS lookup failed): check the name, or use the node's IP address.",
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown =>
                $"Cannot reach {Endpoint} ({socket.SocketErrorCode}): check that the node is up and that a firewall allows TCP {options.BaseAddress.Port} from this machine.",
            SocketError.ConnectionReset or SocketError.ConnectionAborted =>
                $"The connection to {Endpoint} was reset ({socket.SocketErrorCode}). If this repeats, check for a proxy or firewall between this server and the node.",
            _ => $"Could not talk to Proxmox at {Endpoint}: {e.Message}",
        };
    }

    private string DescribeNodesUnreachable(NodesUnreachableException e)
    {
        var cluster = options.ClusterName is { } name ? $"cluster '{name}'" : "the cluster";
        var tried = string.Join("; ", e.Attempts.Select(a => $"{a.Address.Host}:{a.Address.Port} {ShortReason(a.Error)}"));
        return $"All {e.Attempts.Count} addresses of {cluster} failed ({tried}). Check that at least one node is up and pveproxy runs on it, " +
            $"and that a firewall allows TCP {options.BaseAddress.Port} from this machine; `proxmox-mcp check` tests each address.";
    }

    private static string ShortReason(Exception e) => e switch
    {
        TaskCanceledException => "connect timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "name not resolved",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed",
        _ => FindInner<System.Net.Sockets.SocketException>(e)?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "name not resolved",
            { } code => code.ToString(),
            null => "connection failed",
        },
    };

    private static T? FindInner<T>(Exception e)
        where T : Exception
    {
        for (var current = e.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.#} s";

    [GeneratedRegex(@"Permission check failed \((?<path>[^,]+), (?<priv>[^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex PermissionCheck();

    [GeneratedRegex(@"nodes/(?<node>[^/]+)/(?<kind>qemu-server|lxc)/(?<vmid>\d+)\.conf", RegexOptions.CultureInvariant)]
    private static partial Regex GuestConfigFile();

    // PVE's answer when a request names a node it cannot resolve (usually a misspelt node name).
    [GeneratedRegex(@"hostname lookup '[^']*' failed", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownHostName();

    [GeneratedRegex(@"^/nodes/(?<node>[^/?]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NodeInPath();
}
