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
