using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// A tool whose tools/list entry comes from the precomputed catalog (tools.json) and whose method is bound to it
/// (<see cref="ToolMethod"/>) only when the tool is first called. socat starts one process per connection: neither
/// start-up nor the first call generates a schema.
/// </summary>
internal sealed class PrecomputedTool(Tool protocolTool, Func<Tool, ToolMethod> bind) : McpServerTool
{
    private readonly Lazy<ToolMethod> method = new(() => bind(protocolTool));

    public override Tool ProtocolTool => protocolTool;

    /// <summary>The tool method bound to this entry (bound now if it was not yet).</summary>
    internal ToolMethod Method => method.Value;

    public override IReadOnlyList<object> Metadata => method.Value.Metadata;

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        method.Value.InvokeAsync(request, cancellationToken);
}
