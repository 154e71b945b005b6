using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Hosting.Http;

/// <summary>
/// What a token's session offers: the server's own selection (its --tools, --exclude-tools and --read-only), narrowed
/// by the token's policy. A token can only take tools away: read-only, or a selection of its own applied to what the
/// server offers.
/// </summary>
public static class HttpTokenPolicy
{
    /// <summary>The settings a session of this token runs with (what tool errors explain hidden tools by).</summary>
    public static ServerSettings SessionSettings(ServerSettings server, HttpToken token)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(token);
        return server with
        {
            ReadOnly = server.ReadOnly || token.ReadOnly,
            Tools = token.Tools is null ? server.Tools : SettingsLoader.SplitList(token.Tools),
        };
    }

    /// <summary>The tools a session of this token lists and may call.</summary>
    public static IReadOnlyList<ToolDefinition> Tools(IReadOnlyList<ToolDefinition> all, ServerSettings server, HttpToken token)
    {
        var offered = ToolSelection.Apply(all, server);
        return ToolSelection.Apply(offered, SessionSettings(server, token));
    }
}
