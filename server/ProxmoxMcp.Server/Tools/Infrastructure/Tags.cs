namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>PVE tag lists: separated by ';' (also ',' or spaces in older versions).</summary>
public static class Tags
{
    public static IReadOnlyList<string> Split(string? tags) =>
        (tags ?? "").Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool Contains(string? tags, string tag) => Split(tags).Contains(tag, StringComparer.OrdinalIgnoreCase);
}
