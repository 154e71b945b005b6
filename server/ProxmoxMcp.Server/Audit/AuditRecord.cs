using System.Text.Json.Nodes;

namespace ProxmoxMcp.Server.Audit;

/// <summary>
/// One line of the audit log. A write tool call gives two: "attempt" (tool, arguments without secrets, client),
/// written before anything is sent to Proxmox, and "outcome" (the write requests sent, task ids, ok or the error),
/// written when the call ends; <see cref="Call"/> pairs them. <see cref="Prev"/> chains the lines (see <see cref="AuditChain"/>).
/// </summary>
public sealed record AuditRecord
{
    public required string Time { get; init; }

    /// <summary>"attempt" or "outcome".</summary>
    public required string Event { get; init; }

    /// <summary>process id and call number, e.g. "4711.3": the same for the two lines of one call.</summary>
    public required string Call { get; init; }

    public required string Tool { get; init; }

    public JsonObject? Arguments { get; init; }

    public AuditClient? Client { get; init; }

    /// <summary>The requests that change something, as sent (secrets masked), with status and task id.</summary>
    public IReadOnlyList<AuditRequest>? Requests { get; init; }

    /// <summary>How many GETs the call made (checks and task polling), not listed one by one.</summary>
    public int? Reads { get; init; }

    /// <summary>"ok", "error" or "cancelled".</summary>
    public string? Outcome { get; init; }

    public string? Error { get; init; }

    /// <summary>The previous line's sha256 (the first line's: SHA-256 of the empty string).</summary>
    public string Prev { get; init; } = "";
}

public sealed record AuditClient(string Name, string? Version);

public sealed record AuditRequest(string Method, string Path, JsonObject? Params, int? Status, string? Upid, string? Error);
