using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// The <c>IProgress</c> a tool method receives: notifications/progress under the call's progress token, or nothing
/// when the client sent no token (the SDK's binding, which is internal to it).
/// </summary>
internal sealed class ToolProgress(McpServer? server, ProgressToken token) : IProgress<ProgressNotificationValue>
{
    /// <summary>For a call without a progress token.</summary>
    public static ToolProgress None { get; } = new(null, default);

    public void Report(ProgressNotificationValue value)
    {
        if (server is not null)
        {
            _ = server.NotifyProgressAsync(token, value, cancellationToken: CancellationToken.None);
        }
    }
}
