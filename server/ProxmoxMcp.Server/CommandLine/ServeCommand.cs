using System.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// The default: an MCP server on stdin/stdout until stdin closes (no command, or `serve`). `serve --http ADDRESS`
/// is a long-lived Streamable HTTP server instead: the separate proxmox-mcp-http binary beside this one
/// (<see cref="HttpHostLauncher"/>), so that this binary, started once per socat connection, stays small.
/// </summary>
public static class ServeCommand
{
    public static Command Create(SettingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var http = new Option<string?>("--http")
        {
            Description = "Serve MCP over Streamable HTTP at this address (IP:PORT, [IPv6]:PORT, localhost:PORT or *:PORT) instead of stdio; " +
                "needs bearer tokens (http-token add) and, except on loopback, --http-cert and --http-key.",
        };
        var command = new Command("serve", "Serve MCP: on stdin/stdout (the default, as with no command), or with --http as a long-lived HTTP server.") { http };
        foreach (var option in settings.Http)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => parse.GetValue(http) is not null
            ? Task.FromResult(HttpHostLauncher.Run(parse))
            : RunAsync(settings.Load(parse), cancellationToken));
        return command;
    }

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
