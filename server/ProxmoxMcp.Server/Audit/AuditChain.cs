using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ProxmoxMcp.Server.Audit;

/// <summary>
/// The audit log's tamper evidence. Each line is a JSON object that ends with <c>,"sha256":"HEX"}</c>, where HEX is the
/// SHA-256 of the line's UTF-8 text before <c>,"sha256":</c>; that text includes <c>"prev"</c>, the previous line's
/// sha256 (for the first line the SHA-256 of the empty string, <see cref="Genesis"/>). Editing a line breaks its own
/// hash; re-hashing it, removing, inserting or reordering lines breaks the next line's <c>prev</c>. Removing the last
/// lines leaves a valid, shorter chain: keep the last hash elsewhere to detect that (<c>audit verify</c> prints it).
/// </summary>
public static class AuditChain
{
    /// <summary>SHA-256 of the empty string: the <c>prev</c> of the first line.</summary>
    public static readonly string Genesis = Hex(Encoding.UTF8.GetBytes(""));

    private const string HashField = ",\"sha256\":\"";

    /// <summary>The line for a record: its JSON with <c>prev</c> set, and its own sha256 appended.</summary>
    public static string Seal(AuditRecord record, string prev)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = JsonSerializer.Serialize(record with { Prev = prev }, AuditJsonContext.Readable.AuditRecord);
        var content = json[..^1]; // without the closing brace
        return $"{content}{HashField}{Hex(Encoding.UTF8.GetBytes(content))}\"}}";
    }

    /// <summary>The sha256 a line carries, or for a line that carries none (torn, foreign) the SHA-256 of its text.</summary>
    public static string HashOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Split(line) is { } parts ? parts.Hash : Hex(Encoding.UTF8.GetBytes(line));
    }

    /// <summary>Checks the lines of a log in order; null when the chain holds, else the first bad line (1-based) and why.</summary>
    public static (int Line, string Problem)? Verify(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var prev = Genesis;
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (Split(line) is not { } parts)
            {
                return (number, "is not a sealed audit record (no sha256 at its end)");
            }

            if (!string.Equals(Hex(Encoding.UTF8.GetBytes(parts.Content)), parts.Hash, StringComparison.Ordinal))
            {
                return (number, "was changed after it was written (its sha256 does not match its content)");
            }

            string? stated;
            try
            {
                using var document = JsonDocument.Parse(line);
                stated = document.RootElement.TryGetProperty("prev", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            }
            catch (JsonException)
            {
                return (number, "is not valid JSON");
            }

            if (!string.Equals(stated, prev, StringComparison.Ordinal))
            {
                return (number, number == 1
                    ? "does not start a chain (its prev is not the SHA-256 of the empty string: lines were removed from the start)"
                    : $"does not follow line {number - 1} (its prev is not line {number - 1}'s sha256: a line before it was changed, removed, inserted or reordered)");
            }

            prev = parts.Hash;
        }

        return null;
    }

    private static (string Content, string Hash)? Split(string line)
    {
        var at = line.LastIndexOf(HashField, StringComparison.Ordinal);
        if (at < 0 || line.Length != at + HashField.Length + 64 + 2 || !line.EndsWith("\"}", StringComparison.Ordinal))
        {
            return null;
        }

        var hash = line.Substring(at + HashField.Length, 64);
        return hash.All(char.IsAsciiHexDigitLower) ? (line[..at], hash) : null;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
