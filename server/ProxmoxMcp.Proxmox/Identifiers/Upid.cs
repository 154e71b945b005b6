using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>
/// A PVE task id: <c>UPID:{node}:{pid:8X}:{pstart:8-9X}:{starttime:8X}:{type}:{id}:{user}:</c> (with the trailing colon).
/// </summary>
public sealed partial record Upid : IPathSegment
{
    private Upid(string text, NodeName node, uint pid, ulong processStart, DateTimeOffset startTime, string type, string id, string user)
    {
        Text = text;
        Node = node;
        Pid = pid;
        ProcessStart = processStart;
        StartTime = startTime;
        Type = type;
        Id = id;
        User = user;
    }

    /// <summary>The UPID exactly as PVE wrote it.</summary>
    public string Text { get; }

    /// <summary>The node that runs the task: its status and log live there.</summary>
    public NodeName Node { get; }

    public uint Pid { get; }

    public ulong ProcessStart { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>The task type, e.g. <c>qmstart</c>, <c>vzdump</c>.</summary>
    public string Type { get; }

    /// <summary>The object the task works on, usually a vmid; may be empty.</summary>
    public string Id { get; }

    /// <summary>Who started it, e.g. <c>root@pam</c> or <c>root@pam!mcp</c> for a token.</summary>
    public string User { get; }

    string IPathSegment.Segment => Text;

    public static Upid Parse(string? text, string parameterName = "upid") =>
        TryParse(text, out var upid)
            ? upid
            : throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {IdentifierText.Quote(text)} is not a Proxmox task id: it looks like " +
                "'UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:' (get_tasks lists them).");

    public static bool TryParse(string? text, out Upid upid)
    {
        upid = null!;
        var match = text is { Length: <= 512 } ? Pattern().Match(text) : Match.Empty;
        if (!match.Success || !NodeName.TryParse(match.Groups["node"].Value, out var node))
        {
            return false;
        }

        var hex = NumberStyles.AllowHexSpecifier;
        upid = new Upid(
            text!,
            node,
            uint.Parse(match.Groups["pid"].Value, hex, CultureInfo.InvariantCulture),
            ulong.Parse(match.Groups["pstart"].Value, hex, CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(match.Groups["start"].Value, hex, CultureInfo.InvariantCulture)),
            match.Groups["type"].Value,
            match.Groups["id"].Value,
            match.Groups["user"].Value);
        return true;
    }

    /// <summary>Formats a UPID the way PVE does (upper-case hex, fixed widths, trailing colon).</summary>
    public static Upid Create(NodeName node, uint pid, ulong processStart, DateTimeOffset startTime, string type, string id, string user) =>
        Parse(string.Create(
            CultureInfo.InvariantCulture,
            $"UPID:{node}:{pid:X8}:{processStart:X8}:{startTime.ToUnixTimeSeconds():X8}:{type}:{id}:{user}:"));

    public override string ToString() => Text;

    // pve-common PVE::Tools::upid_decode, narrowed: fields may not carry characters that could alter a URL, nor control
    // or format characters (\p{C}); \z, not $, which would also match before a final newline.
    [GeneratedRegex(
        @"^UPID:(?<node>[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):(?<pid>[0-9A-Fa-f]{8}):(?<pstart>[0-9A-Fa-f]{8,9}):(?<start>[0-9A-Fa-f]{8}):(?<type>[^:\s/?#%\\\p{C}]+):(?<id>[^:\s/?#%\\\p{C}]*):(?<user>[^:\s/?#%\\\p{C}]+):\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
