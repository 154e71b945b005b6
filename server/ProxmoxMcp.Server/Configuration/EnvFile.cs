namespace ProxmoxMcp.Server.Configuration;

/// <summary>
/// Reads KEY=VALUE files (systemd EnvironmentFile and .env style): blank lines and # comments ignored, an optional
/// leading "export ", values optionally in single or double quotes.
/// </summary>
public static class EnvFile
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[key] = value;
        }

        return values;
    }

    public static IReadOnlyDictionary<string, string> Load(string path) => Parse(File.ReadAllLines(path));
}
