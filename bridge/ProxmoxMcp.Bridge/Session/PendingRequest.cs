using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>A client request sent on a link and not answered yet.</summary>
internal sealed record PendingRequest(JsonRpcMessage Message, int Link, int Attempt);
