using ModelContextProtocol;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Sorting and field projection for list tools, so "which VM uses the most memory?" is one small call
/// (sort=-mem, limit=1) instead of paging through everything. Each list declares its fields once: name and sort key.
/// </summary>
/// <typeparam name="T">The list's row type.</typeparam>
public sealed class ListShape<T>(IReadOnlyDictionary<string, Func<T, IComparable?>> fields)
{
    public IReadOnlyCollection<string> Names => (IReadOnlyCollection<string>)fields.Keys;

    /// <summary>Rows sorted by <paramref name="sort"/> ("mem", "-mem"); rows without a value come last either way.</summary>
    public List<T> Sort(IEnumerable<T> rows, string? sort)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (string.IsNullOrWhiteSpace(sort))
        {
            return rows.ToList();
        }

        var text = sort.Trim();
        var descending = text.StartsWith('-');
        var name = text.TrimStart('-', '+').ToLowerInvariant();
        if (!fields.TryGetValue(name, out var key))
        {
            throw new McpException($"sort '{sort}' is not a field of this list: {string.Join(", ", fields.Keys)} (prefix - for descending).");
        }

        var withValue = rows.Where(r => key(r) is not null);
        var ordered = descending ? withValue.OrderByDescending(key) : withValue.OrderBy(key);
        return [.. ordered, .. rows.Where(r => key(r) is null)];
    }

    /// <summary>The fields asked for, in the order given; null when all are wanted.</summary>
    public IReadOnlyList<string>? Fields(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        var names = requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
        var unknown = names.Where(n => !fields.ContainsKey(n)).ToList();
        return unknown.Count > 0
            ? throw new McpException($"fields {string.Join(", ", unknown)} unknown: this list has {string.Join(", ", fields.Keys)}.")
            : names.Distinct(StringComparer.Ordinal).ToList();
    }
}
