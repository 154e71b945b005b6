using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// A tools/call for a name this session does not offer: the JSON-RPC error -32602 the MCP spec asks for, with a
/// message that says why (<see cref="UnknownTool"/>). It is the client's mistake, not a fault in the server, so it
/// carries no stack trace: the SDK logs it, and the log should hold one line, not two screens.
/// </summary>
public sealed class UnknownToolException : McpProtocolException
{
    public UnknownToolException()
    {
    }

    public UnknownToolException(string message)
        : base(message, McpErrorCode.InvalidParams)
    {
    }

    public UnknownToolException(string message, Exception innerException)
        : base(message, innerException, McpErrorCode.InvalidParams)
    {
    }

    public override string? StackTrace => null;
}
