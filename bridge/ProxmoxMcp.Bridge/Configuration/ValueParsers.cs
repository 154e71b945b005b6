using System.Globalization;
using ProxmoxMcp.Bridge.Logging;

namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>Parses the text forms of durations, sizes, flags and fingerprints that options and environment variables accept.</summary>
internal static class ValueParsers
{
    /// <summary>"10" (seconds), "2.5", "500ms", "30s", "2m", "1h".</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = text.Trim().ToLowerInvariant();
        (string number, double scale) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], 0.001),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1.0),
            _ when trimmed.EndsWith('m') => (trimmed[..^1], 60.0),
            _ when trimmed.EndsWith('h') => (trimmed[..^1], 3600.0),
            _ => (trimmed, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            || double.IsNaN(amount) || amount < 0 || amount * scale > TimeSpan.FromDays(1).TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(amount * scale);
        return true;
    }

    /// <summary>"65536", "512K", "64M", "64MiB", "1G" (suffixes are powers of 1024).</summary>
    public static bool TryParseSize(string text, out long value)
    {
        value = 0;
        var trimmed = text.Trim().ToUpperInvariant();
        foreach (var unit in new[] { "IB", "B" })
        {
            if (trimmed.EndsWith(unit, StringComparison.Ordinal) && trimmed.Length > unit.Length)
            {
                trimmed = trimmed[..^unit.Length];
                break;
            }
        }

        long scale = trimmed.Length == 0 ? 1 : trimmed[^1] switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1,
        };
        if (scale != 1)
        {
            trimmed = trimmed[..^1];
        }

        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > long.MaxValue / scale)
        {
            return false;
        }

        value = amount * scale;
        return true;
    }

    public static bool TryParseFlag(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "1" or "true" or "yes" or "on":
                value = true;
                return true;
            case "0" or "false" or "no" or "off" or "":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A non-negative count, or "unlimited" (null).</summary>
    public static bool TryParseRetries(string text, out int? value)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed is "unlimited" or "infinite" or "-1")
        {
            value = null;
            return true;
        }

        // 0 would mean "never connect": at least one attempt, or unlimited.
        value = int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 ? count : null;
        return value is not null;
    }

    /// <summary>SHA-256 as 64 hex digits, colons/spaces optional, any case; returns upper-case hex without separators.</summary>
    public static bool TryParseFingerprint(string text, out string value)
    {
        value = new string(text.Where(c => c is not (':' or ' ' or '-')).ToArray()).ToUpperInvariant();
        return value.Length == 64 && value.All(char.IsAsciiHexDigit);
    }

    public static bool TryParseLogLevel(string text, out LogLevel value)
    {
        (var ok, value) = text.Trim().ToLowerInvariant() switch
        {
            "trace" => (true, LogLevel.Trace),
            "debug" => (true, LogLevel.Debug),
            "info" or "information" => (true, LogLevel.Info),
            "warn" or "warning" => (true, LogLevel.Warn),
            "error" => (true, LogLevel.Error),
            "none" or "off" => (true, LogLevel.None),
            _ => (false, LogLevel.Info),
        };
        return ok;
    }

    /// <summary>"AB:CD:..." as the Proxmox GUI and openssl show a fingerprint.</summary>
    public static string FormatFingerprint(string hex) =>
        string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
}
