using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>Checks a tool result's structured content against the output schema the client was given (as the TypeScript SDK does).</summary>
public static class OutputSchemaAssert
{
    public static async Task<CallToolResult> MatchesOutputSchemaAsync(this SimulatedServer server, string tool, CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(result);
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var schema = tools.Single(t => t.Name == tool).ProtocolTool.OutputSchema;
        Assert.True(schema is not null, $"{tool} has no output schema");
        var problems = JsonSchemaCheck.InstanceProblems(schema.Value, result.Structured());
        Assert.True(problems.Count == 0, $"{tool}: structured content does not match its output schema: {string.Join("; ", problems)}");
        return result;
    }

    /// <summary>Calls a tool and checks the result's structured content against its output schema.</summary>
    public static async Task<CallToolResult> CallCheckedAsync(this SimulatedServer server, string tool, object? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var result = await server.CallAsync(tool, arguments);
        return result.StructuredContent is null ? result : await server.MatchesOutputSchemaAsync(tool, result);
    }
}
