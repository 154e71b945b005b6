using System.Text;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>One column of a list table: its name, its cell in structured content and its cell in the text.</summary>
/// <param name="Name">The field name (as <c>fields</c> and <c>sort</c> take it).</param>
/// <param name="Value">The structured cell; null when the row has no value.</param>
/// <param name="Text">The text cell (no spaces); null prints as "-". Defaults to the structured cell's JSON.</param>
/// <param name="Header">The text header, e.g. "mem(MiB)"; defaults to the name.</param>
public sealed record ListColumn<T>(string Name, Func<T, JsonNode?> Value, Func<T, string?>? Text = null, string? Header = null);

/// <summary>A page of a list as a table: the column names once, then one array of cells per row and one text line per row.</summary>
public sealed record ListTableRows(IReadOnlyList<string> Columns, IReadOnlyList<JsonArray> Rows, string Text);

/// <summary>The structured properties of a table (list tools' output, and whatever reads or merges it).</summary>
public static class ListTableProperties
{
    public const string Columns = "columns";
    public const string Rows = "rows";
}

/// <summary>
/// Lists are tables: a 500-row page carries every row in both renderings (some clients give the model the text,
/// others only the structured content), so each rendering names its columns once instead of once per row.
/// Trailing empty cells are left off a row (a missing cell is null); columns empty on the whole page are left out
/// unless asked for. docs/PERFORMANCE-listings.md has the arithmetic.
/// </summary>
public sealed class ListTable<T>(IReadOnlyList<ListColumn<T>> columns)
{
    public IReadOnlyList<ListColumn<T>> Columns => columns;

    /// <param name="rows">The page.</param>
    /// <param name="wanted">Column names in the order asked (all known); null for every column that has a value on this page.</param>
    public ListTableRows Build(IReadOnlyList<T> rows, IReadOnlyList<string>? wanted = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var chosen = wanted is null
            ? [.. columns.Where(c => rows.Any(r => c.Value(r) is not null))]
            : wanted.Select(n => columns.First(c => c.Name == n)).ToList();
        var structured = new List<JsonArray>(rows.Count);
        var text = new StringBuilder(rows.Count * 64).AppendJoin(' ', chosen.Select(c => c.Header ?? c.Name));
        foreach (var row in rows)
        {
            var cells = chosen.Select(c => c.Value(row)).ToList();
            var last = cells.FindLastIndex(c => c is not null);
            structured.Add(new JsonArray([.. cells.Take(last + 1)]));
            text.Append('\n');
            var texts = chosen.Select((c, i) => c.Text is { } render ? render(row) : Plain(cells[i])).ToList();
            var lastText = texts.FindLastIndex(t => !string.IsNullOrEmpty(t) && t != "-");
            text.AppendJoin(' ', texts.Take(lastText + 1).Select(t => string.IsNullOrEmpty(t) ? "-" : t));
        }

        return new ListTableRows([.. chosen.Select(c => c.Name)], structured, text.ToString());
    }

    private static string? Plain(JsonNode? cell) =>
        cell is JsonValue value && value.TryGetValue<string>(out var text) ? text : cell?.ToJsonString();
}

/// <summary>Compact cell values: sizes in MiB or GiB and CPU in percent (the units are in the column headers).</summary>
public static class Cell
{
    private const double MiB = 1024 * 1024;
    private const double GiB = MiB * 1024;

    public static JsonNode? Of(string? value) => string.IsNullOrEmpty(value) ? null : JsonValue.Create(value);

    public static JsonNode? Of(long? value) => value is { } v ? JsonValue.Create(v) : null;

    public static JsonNode? Of(double? value) => value is { } v ? JsonValue.Create(v) : null;

    public static JsonNode? True(bool? value) => value == true ? JsonValue.Create(true) : null;

    /// <summary>Bytes as whole MiB.</summary>
    public static JsonNode? Mib(long? bytes) => bytes is { } b ? JsonValue.Create((long)Math.Round(b / MiB)) : null;

    /// <summary>Bytes as GiB with one decimal.</summary>
    public static JsonNode? Gib(long? bytes) => bytes is { } b ? JsonValue.Create(Math.Round(b / GiB, 1)) : null;

    /// <summary>A CPU fraction as percent: one decimal under 10 %, whole numbers above.</summary>
    public static JsonNode? Percent(double? fraction) =>
        fraction is { } f ? JsonValue.Create(Math.Round(f * 100, f < 0.1 ? 1 : 0)) : null;
}

/// <summary>The units of the compact numeric columns, named in each list page so a reader of the JSON alone knows them.</summary>
public static class ListUnits
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["cpu"] = "%",
        ["mem"] = "MiB",
        ["maxmem"] = "MiB",
        ["disk"] = "GiB",
        ["maxdisk"] = "GiB",
        ["uptime"] = "s",
    };

    /// <summary>The units of those of <paramref name="columns"/> that have one; null when none has.</summary>
    public static IReadOnlyDictionary<string, string>? Of(IEnumerable<string> columns)
    {
        var units = columns.Where(Known.ContainsKey).ToDictionary(c => c, c => Known[c], StringComparer.Ordinal);
        return units.Count == 0 ? null : units;
    }
}

/// <summary>The output schema of a table row: an array of cells, each a string, number, boolean or null.</summary>
public static class ListRowSchema
{
    /// <summary>For schema generation: a <see cref="JsonArray"/> (a row) gets typed items instead of none.</summary>
    public static JsonNode Transform(Microsoft.Extensions.AI.AIJsonSchemaCreateContext context, JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (context.TypeInfo.Type == typeof(JsonArray) && schema is JsonObject row && !row.ContainsKey("items"))
        {
            row["items"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean", "null") };
        }

        return schema;
    }
}
