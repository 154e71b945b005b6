using System.Text.Json;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tests.Guests;

/// <summary>Which rendering keeps the rows of a large list page, per client and per setting.</summary>
public class ListRenderingTests
{
    [Theory]
    [InlineData(ListRowsMode.Auto, "claude-code", ListRowsMode.Structured)]
    [InlineData(ListRowsMode.Auto, "Claude-Code", ListRowsMode.Structured)]
    [InlineData(ListRowsMode.Auto, "claude-ai", ListRowsMode.Text)]
    [InlineData(ListRowsMode.Auto, "cursor", ListRowsMode.Both)]
    [InlineData(ListRowsMode.Auto, null, ListRowsMode.Both)]
    [InlineData(ListRowsMode.Both, "claude-code", ListRowsMode.Both)]
    [InlineData(ListRowsMode.Text, "claude-code", ListRowsMode.Text)]
    [InlineData(ListRowsMode.Structured, "claude-ai", ListRowsMode.Structured)]
    public void Resolve_ByClientNameUnlessTheOperatorChose(ListRowsMode setting, string? client, ListRowsMode expected) =>
        Assert.Equal(expected, ListRendering.Resolve(setting, client));

    [Fact]
    public void Render_AsTextForALargePage_EmptiesRowsKeepsEverythingElseAndSaysWhere()
    {
        var result = Page(rows: 21);

        var rendered = ListRendering.Render(result, ListRowsMode.Text);

        var structured = rendered.StructuredContent!.Value;
        Assert.Equal(0, structured.GetProperty("rows").GetArrayLength());
        Assert.True(structured.GetProperty("rows_in_text").GetBoolean());
        Assert.Equal(["kind", "columns", "rows", "rows_in_text", "page"], structured.EnumerateObject().Select(p => p.Name));
        Assert.Equal(21, structured.GetProperty("page").GetProperty("returned").GetInt32());
        Assert.Equal(23, Assert.IsType<TextContentBlock>(Assert.Single(rendered.Content)).Text.Split('\n').Length);
    }

    [Fact]
    public void Render_AsStructuredForALargePage_CutsTheTextToItsSummary()
    {
        var rendered = ListRendering.Render(Page(rows: 21), ListRowsMode.Structured);

        Assert.Equal("21 VMs. The 21 rows are in the structured content only.", Assert.IsType<TextContentBlock>(Assert.Single(rendered.Content)).Text);
        Assert.Equal(21, rendered.StructuredContent!.Value.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [InlineData(ListRowsMode.Text)]
    [InlineData(ListRowsMode.Structured)]
    public void Render_APageOfTheDefaultSize_KeepsBothRenderings(ListRowsMode mode)
    {
        var rendered = ListRendering.Render(Page(rows: 20), mode);

        Assert.Equal(20, rendered.StructuredContent!.Value.GetProperty("rows").GetArrayLength());
        Assert.Equal(22, Assert.IsType<TextContentBlock>(Assert.Single(rendered.Content)).Text.Split('\n').Length);
    }

    [Fact]
    public void Render_AnErrorOrANonTableResult_IsLeftAlone()
    {
        var error = Page(rows: 30);
        error.IsError = true;
        var other = new CallToolResult { Content = [new TextContentBlock { Text = "x" }], StructuredContent = JsonDocument.Parse("""{"rows":[]}""").RootElement };

        Assert.Equal(30, ListRendering.Render(error, ListRowsMode.Text).StructuredContent!.Value.GetProperty("rows").GetArrayLength());
        Assert.Equal("""{"rows":[]}""", ListRendering.Render(other, ListRowsMode.Text).StructuredContent!.Value.GetRawText());
    }

    private static CallToolResult Page(int rows)
    {
        var cells = string.Join(",", Enumerable.Range(100, rows).Select(i => $"[{i},\"vm-{i}\"]"));
        var lines = string.Join("\n", Enumerable.Range(100, rows).Select(i => $"{i} vm-{i}"));
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = $"{rows} VMs.\nvmid name\n{lines}" }],
            StructuredContent = JsonDocument.Parse(
                "{\"kind\":\"VMs\",\"columns\":[\"vmid\",\"name\"],\"rows\":[" + cells + "],\"page\":{\"total\":" + rows + ",\"offset\":0,\"returned\":" + rows + "}}").RootElement,
        };
    }
}
