using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>The default: an MCP server on stdin/stdout until stdin closes.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StartupTrace.Mark("settings-loaded");
        if (!StartupChecks.Report(settings))
        {
            return ExitCodes.BadConfiguration;
        }

        await using var server = ServerHost.Build(settings);
        await server.RunAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
