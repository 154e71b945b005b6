using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// The parameters of the tool call being served, for code deep inside a tool that needs more than its arguments:
/// <see cref="Confirmation"/> reads the answers a 2026-07-28 client sends back when it retries a call
/// (<c>inputResponses</c>, <c>requestState</c>). Set by a call-tool filter, so tool signatures stay as they are.
/// </summary>
public static class CurrentToolCall
{
    private static readonly AsyncLocal<CallToolRequestParams?> Current = new();

    public static CallToolRequestParams? Params => Current.Value;

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            Current.Value = context.Params;
            return await next(context, cancellationToken);
        };
}
