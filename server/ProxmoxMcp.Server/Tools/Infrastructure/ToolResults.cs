using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>Builds tool results: structured content (matching the tool's output schema) plus its text rendering.</summary>
public static class ToolResults
{
    public static CallToolResult Success<T>(T output, JsonTypeInfo<T> type)
        where T : IToolOutput => Create(output, type, isError: false);

    /// <summary>A result that carries data but reports failure (a task that ended in error).</summary>
    public static CallToolResult Failure<T>(T output, JsonTypeInfo<T> type)
        where T : IToolOutput => Create(output, type, isError: true);

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private static CallToolResult Create<T>(T output, JsonTypeInfo<T> type, bool isError)
        where T : IToolOutput
    {
        ArgumentNullException.ThrowIfNull(output);
        return new CallToolResult
        {
            IsError = isError ? true : null,
            StructuredContent = JsonSerializer.SerializeToElement(output, type),
            Content = [new TextContentBlock { Text = output.ToText() }],
        };
    }
}
