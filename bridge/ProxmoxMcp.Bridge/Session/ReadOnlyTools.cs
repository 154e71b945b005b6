using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// The tools the server declared read-only, learnt from the tools/list results passing through. A tools/call of such a
/// tool that a dropped link cut off can be sent again to the next server process: it changes nothing, and under MCP
/// 2026-07-28 there is no session the new process would lack. Everything else (unknown tools, tools not declared
/// read-only) is answered with an error instead, since it may have run. Not thread-safe: used under the session's lock.
/// </summary>
internal sealed class ReadOnlyTools
{
    private readonly Dictionary<string, bool> readOnly = new(StringComparer.Ordinal);

    /// <summary>Takes note of a tools/list result (each page adds to what is known; a later listing wins).</summary>
    public void Learn(JsonRpcMessage toolsListResponse)
    {
        foreach (var (name, isReadOnly) in ToolAnnotations.ReadOnlyHints(toolsListResponse.Bytes))
        {
            readOnly[name] = isReadOnly;
        }
    }

    /// <summary>True for a tools/call of a tool the server declared read-only.</summary>
    public bool IsSafeToResend(JsonRpcMessage request) =>
        ToolAnnotations.CalledTool(request) is { } tool && readOnly.TryGetValue(tool, out var isReadOnly) && isReadOnly;
}
