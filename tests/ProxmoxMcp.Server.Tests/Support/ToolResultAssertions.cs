using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Server.Tests.Support;

public static class ToolResultAssertions
{
    /// <summary>The text the model reads.</summary>
    public static string Text(this CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    public static JsonElement Structured(this CallToolResult result) =>
        result.StructuredContent ?? throw new Xunit.Sdk.XunitException("no structured content: " + result.Text());

    /// <summary>A list tool's rows (columns + arrays of cells) as one object per row, missing trailing cells left out.</summary>
    public static IReadOnlyList<JsonElement> TableRows(this CallToolResult result)
    {
        var structured = result.Structured();
        var columns = structured.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        return [.. structured.GetProperty("rows").EnumerateArray().Select(row =>
        {
            var cells = row.EnumerateArray().ToList();
            var named = columns.Take(cells.Count).Select((c, i) => (c, cells[i])).Where(p => p.Item2.ValueKind != JsonValueKind.Null).ToDictionary(p => p.c, p => p.Item2);
            return JsonSerializer.SerializeToElement(named);
        })];
    }

    public static CallToolResult AssertSuccess(this CallToolResult result)
    {
        Assert.True(result.IsError != true, "expected success, got tool error: " + result.Text());
        return result;
    }

    public static CallToolResult AssertError(this CallToolResult result, string expectedFragment)
    {
        Assert.True(result.IsError == true, "expected a tool error, got success: " + result.Text());
        Assert.Contains(expectedFragment, result.Text(), StringComparison.OrdinalIgnoreCase);
        return result;
    }
}
