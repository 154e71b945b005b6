using System.Globalization;
using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// Ids for the bridge's own requests (replayed initialize, ping): strings with a per-process random prefix, so they
/// never collide with the client's ids, and their replies are recognised and swallowed.
/// </summary>
internal sealed class PrivateIds
{
    private readonly string prefix = $"mcp-bridge-{Random.Shared.Next():x8}-";
    private long counter;

    public JsonRpcId Next(string purpose) =>
        JsonRpcId.String(prefix + purpose + "-" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture));

    public bool IsPrivate(JsonRpcId? id) => id is { IsString: true } value && value.Value.StartsWith(prefix, StringComparison.Ordinal);
}
