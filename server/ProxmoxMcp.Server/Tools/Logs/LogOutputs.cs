using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Logs;

/// <summary>A slice of a log: the lines, where they start, and how many there are.</summary>
public sealed record LogOutput : IToolOutput
{
    /// <summary>Characters kept of one line.</summary>
    public const int MaxLineChars = 400;

    /// <summary>Characters of lines in one reply; the rest is left for the next call.</summary>
    public const int MaxTextChars = 16 * 1024;

    [JsonPropertyName("log")] public required string Log { get; init; }
    [JsonPropertyName("start")] public required int Start { get; init; }
    [JsonPropertyName("total")] public int? Total { get; init; }
    [JsonPropertyName("lines")] public required IReadOnlyList<string> Lines { get; init; }

    /// <summary>Set when the size bound cut the reply short: where the next call starts.</summary>
    [JsonPropertyName("next_start")] public int? NextStart { get; init; }

    /// <summary>Keeps whole lines (each cut to <see cref="MaxLineChars"/>) up to <see cref="MaxTextChars"/>.</summary>
    public static LogOutput Of(string log, int start, int? total, IEnumerable<string> lines)
    {
        var kept = new List<string>();
        var size = 0;
        var cut = false;
        foreach (var line in lines)
        {
            var text = line.Length > MaxLineChars ? line[..MaxLineChars] + "…" : line;
            if (size + text.Length + 1 > MaxTextChars)
            {
                cut = true;
                break;
            }

            kept.Add(text);
            size += text.Length + 1;
        }

        return new LogOutput { Log = log, Start = start, Total = total, Lines = kept, NextStart = cut ? start + kept.Count : null };
    }

    public string ToText()
    {
        var sb = new StringBuilder(Log);
        sb.Append(Lines.Count == 0
            ? ": no lines match."
            : string.Create(CultureInfo.InvariantCulture, $": lines {Start + 1}-{Start + Lines.Count}{(Total is { } t ? $" of {t}" : "")}"));
        if (NextStart is { } next)
        {
            sb.Append(CultureInfo.InvariantCulture, $" (cut at {MaxTextChars / 1024} KiB; continue with start={next})");
        }
        else if (Lines.Count > 0 && Start > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; earlier lines: start={Math.Max(0, Start - Lines.Count)}");
        }

        foreach (var line in Lines)
        {
            sb.Append('\n').Append(line);
        }

        return sb.ToString();
    }
}
