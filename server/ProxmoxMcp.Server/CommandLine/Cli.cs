using System.CommandLine;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// The command line: with no command the process is an MCP server on stdio (what socat and Claude Desktop run);
/// `serve --http` is the long-lived Streamable HTTP server; the other commands are for people: http-token, tools, call,
/// check, demo and audit.
/// </summary>
public static class Cli
{
    public static RootCommand Create()
    {
        var settings = new SettingOptions();
        var root = new RootCommand(
            "Proxmox VE MCP server. Without a command it serves the Model Context Protocol on stdin/stdout. " +
            "Settings come from options, then environment variables, then an env file; secrets (PROXMOX_TOKEN_SECRET, PROXMOX_PASSWORD) only from the environment or an env file.");
        foreach (var option in settings.All)
        {
            root.Options.Add(option);
        }

        root.SetAction((parse, cancellationToken) => ServeCommand.RunAsync(settings.Load(parse), cancellationToken));
        root.Subcommands.Add(ServeCommand.Create(settings));
        root.Subcommands.Add(HttpTokenCommand.Create(settings));
        root.Subcommands.Add(ToolsCommand.Create(settings));
        root.Subcommands.Add(CallCommand.Create(settings));
        root.Subcommands.Add(CheckCommand.Create(settings));
        root.Subcommands.Add(DemoCommand.Create(settings));
        root.Subcommands.Add(AuditCommand.Create());
        return root;
    }
}
