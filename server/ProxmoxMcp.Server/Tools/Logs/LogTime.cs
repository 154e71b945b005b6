using System.Globalization;
using ModelContextProtocol;

namespace ProxmoxMcp.Server.Tools.Logs;

/// <summary>The one time format the log tools take: <c>2026-12-04 06:30</c> (seconds and the time optional; a T and a Z are accepted).</summary>
public static class LogTime
{
    public const string Description = "e.g. 2026-12-04 06:30";

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public static DateTime? Parse(string? text, string argument)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = text.Trim().Replace('T', ' ').TrimEnd('Z', 'z');
        return DateTime.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new McpException($"{argument} '{text}' is not a time like 2026-12-04 06:30 (date, optional hh:mm[:ss]).");
    }

    /// <summary>PVE's syslog form, YYYY-MM-DD HH:MM:SS.</summary>
    public static string? ToSyslog(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static long? ToUnix(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToUnixTimeSeconds() : null;
}
