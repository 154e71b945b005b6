using System.Globalization;
using System.Text.Json.Serialization;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>Which slice of a list a tool returned, and how to get the rest.</summary>
public sealed record PageInfo(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("returned")] int Returned,
    [property: JsonPropertyName("next_offset")] int? NextOffset = null)
{
    /// <summary>"Showing 1-20 of 5000; 4980 more: call again with offset=20." (or nothing when all is shown).</summary>
    public string Summary(string noun)
    {
        if (Total == 0)
        {
            return $"No {noun} match.";
        }

        if (Returned == Total)
        {
            return $"{Total} {noun}.";
        }

        var shown = Returned == 0 ? "none" : $"{Offset + 1}-{Offset + Returned}";
        return NextOffset is { } next
            ? $"Showing {shown} of {Total} {noun}; {Total - next} more: call again with offset={next.ToString(CultureInfo.InvariantCulture)}."
            : $"Showing {shown} of {Total} {noun}.";
    }
}

/// <summary>Bounds every list a tool returns, so a 5,000-guest cluster cannot flood the model's context.</summary>
public static class Paging
{
    /// <summary>
    /// 20 items keep a default reply (text and structured content together) under 8 KiB even for a 5,000-guest
    /// cluster (50 made about 14 KiB; bench/run.sh measures it); the model asks for more with limit or offset.
    /// </summary>
    public const int DefaultLimit = 20;
    public const int MaxLimit = 500;

    /// <summary>The description of every list tool's <c>limit</c> argument.</summary>
    public const string LimitDescription = "Items to return (default 20, at most 500).";

    public const string SortDescription = "Field to sort by, e.g. mem; -mem for descending.";

    public const string FieldsDescription = "Comma-separated fields to return, e.g. vmid,name,mem.";

    public static (List<T> Items, PageInfo Page) Apply<T>(IReadOnlyCollection<T> all, int? offset, int? limit)
    {
        ArgumentNullException.ThrowIfNull(all);
        var start = Math.Clamp(offset ?? 0, 0, all.Count);
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var items = all.Skip(start).Take(take).ToList();
        var next = start + items.Count < all.Count ? start + items.Count : (int?)null;
        return (items, new PageInfo(all.Count, start, items.Count, next));
    }
}
