namespace ProxmoxMcp.Proxmox.Recording;

/// <summary>
/// One request the client made (or, in a dry run, withheld) during a recorded tool call: method, decoded path, its
/// parameters as sent (query or form, secrets replaced by <see cref="SecretParameters.Mask"/>), and what came back.
/// </summary>
public sealed record PveExchange(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>HTTP status of the reply; null when none came (withheld, or a transport failure).</summary>
    public int? Status { get; init; }

    /// <summary>The task the request started, when PVE answered with a UPID.</summary>
    public string? Upid { get; init; }

    /// <summary>For reads in a dry run: a short summary of what was read ("14 items", "status=running, name=web01").</summary>
    public string? Summary { get; init; }

    /// <summary>Why it failed, when it did (PVE's error text or the transport failure).</summary>
    public string? Error { get; init; }

    public bool IsRead => Method == "GET";

    public override string ToString() => $"{Method} {Path}";
}
