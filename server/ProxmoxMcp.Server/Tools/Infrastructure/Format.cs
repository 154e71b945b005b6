using System.Globalization;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>Human-readable units for text renderings (structured content keeps raw numbers).</summary>
public static class Format
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>The text cut to at most <paramref name="max"/> characters, "..." marking the cut.</summary>
    public static string? Shorten(string? text, int max) =>
        text is null || text.Length <= max ? text : text[..(max - 3)] + "...";

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "?";
        }

        double size = value;
        var unit = 0;
        while (size >= 1024 && unit < Units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return size.ToString(unit == 0 ? "0" : size >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    public static string Used(long? used, long? total) =>
        total is > 0 && used is { } u ? $"{Bytes(u)}/{Bytes(total)} ({Percent((double)u / total.Value)})" : Bytes(total);

    public static string Percent(double? fraction) =>
        fraction is { } f ? (f * 100).ToString(f < 0.1 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%" : "?";

    public static string Duration(long? seconds)
    {
        if (seconds is not { } s || s <= 0)
        {
            return "-";
        }

        var t = TimeSpan.FromSeconds(s);
        return t.TotalDays >= 1 ? $"{(int)t.TotalDays}d{t.Hours}h" : t.TotalHours >= 1 ? $"{t.Hours}h{t.Minutes}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds}s" : $"{t.Seconds}s";
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";

    public static string Time(long? unixSeconds) =>
        unixSeconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "?";

    public static string IsoTime(long? unixSeconds) =>
        unixSeconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
