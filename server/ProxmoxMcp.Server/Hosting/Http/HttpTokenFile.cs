using System.Security.Cryptography;
using System.Text;

namespace ProxmoxMcp.Server.Hosting.Http;

/// <summary>One bearer token of the HTTP transport: its name, the SHA-256 of the token and the policy it grants.</summary>
public sealed record HttpToken(string Name, byte[] Sha256, bool ReadOnly, string? Tools, int? RequestsPerMinute);

/// <summary>
/// The file of hashed bearer tokens (/etc/proxmox-mcp/http-tokens), one token a line:
/// <c>name sha256:&lt;hex&gt; [read-only] [tools=SELECTION] [rate=N/min]</c>; blank lines and # comments are skipped.
/// Only hashes are stored; a presented token is hashed and compared in constant time against every entry.
/// </summary>
public static class HttpTokenFile
{
    public static IReadOnlyList<HttpToken> Parse(IEnumerable<string> lines)
    {
        var tokens = new List<HttpToken>();
        var lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            tokens.Add(ParseLine(line, lineNumber));
        }

        if (tokens.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new FormatException($"http-tokens: token name '{duplicate.Key}' appears more than once");
        }

        return tokens;
    }

    /// <summary>The entry whose hash matches <paramref name="presented"/>, or null; every entry is compared so the time does not depend on which one matches.</summary>
    public static HttpToken? Find(IReadOnlyList<HttpToken> tokens, string presented)
    {
        var hash = Hash(presented);
        HttpToken? match = null;
        foreach (var token in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(token.Sha256, hash))
            {
                match = token;
            }
        }

        return match;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The line that <c>http-token add</c> appends for a new token.</summary>
    public static string Format(string name, string token, bool readOnly, string? tools, int? requestsPerMinute)
    {
        var line = new StringBuilder($"{name} sha256:{Convert.ToHexStringLower(Hash(token))}");
        if (readOnly)
        {
            line.Append(" read-only");
        }

        if (!string.IsNullOrWhiteSpace(tools))
        {
            line.Append(" tools=").Append(tools);
        }

        if (requestsPerMinute is { } rate)
        {
            line.Append(" rate=").Append(rate).Append("/min");
        }

        return line.ToString();
    }

    private static HttpToken ParseLine(string line, int lineNumber)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2 || !fields[1].StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new FormatException($"http-tokens line {lineNumber}: expected 'name sha256:<hex> [policy...]'");
        }

        byte[] hash;
        try
        {
            hash = Convert.FromHexString(fields[1]["sha256:".Length..]);
        }
        catch (FormatException)
        {
            throw new FormatException($"http-tokens line {lineNumber}: the hash is not hexadecimal");
        }

        if (hash.Length != SHA256.HashSizeInBytes)
        {
            throw new FormatException($"http-tokens line {lineNumber}: a SHA-256 hash has 64 hex digits");
        }

        bool readOnly = false;
        string? tools = null;
        int? rate = null;
        foreach (var field in fields.Skip(2))
        {
            if (field == "read-only")
            {
                readOnly = true;
            }
            else if (field.StartsWith("tools=", StringComparison.Ordinal) && field.Length > "tools=".Length)
            {
                tools = field["tools=".Length..];
            }
            else if (field.StartsWith("rate=", StringComparison.Ordinal) && field.EndsWith("/min", StringComparison.Ordinal)
                && int.TryParse(field["rate=".Length..^"/min".Length], out var perMinute) && perMinute > 0)
            {
                rate = perMinute;
            }
            else
            {
                throw new FormatException($"http-tokens line {lineNumber}: unknown policy '{field}' (read-only, tools=..., rate=N/min)");
            }
        }

        return new HttpToken(fields[0], hash, readOnly, tools, rate);
    }
}
