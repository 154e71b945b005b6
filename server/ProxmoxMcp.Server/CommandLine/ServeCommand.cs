using Microsoft.Extensions.Hosting;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>The default: an MCP server on stdin/stdout until stdin closes.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!StartupChecks.Report(settings))
        {
            return ExitCodes.BadConfiguration;
        }

        using var host = ServerHost.Build(settings);
        await host.RunAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
