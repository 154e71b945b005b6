using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// A tool whose tools/list entry comes from the precomputed catalog (tools.json) and whose SDK tool, with its
/// argument binding, is built only when the tool is first called. socat starts one process per connection, and
/// building all the SDK tools (schema generation) was most of the start-up CPU.
/// </summary>
internal sealed class PrecomputedTool(Tool protocolTool, Func<McpServerTool> create) : McpServerTool
{
    private readonly Lazy<McpServerTool> real = new(create);

    public override Tool ProtocolTool => protocolTool;

    public override IReadOnlyList<object> Metadata => real.Value.Metadata;

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        real.Value.InvokeAsync(request, cancellationToken);
}
