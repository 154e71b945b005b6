using System.CommandLine;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>`tools`: lists the tools this configuration offers; `tools NAME` shows one tool's arguments; `--markdown FILE` writes the API reference.</summary>
public static class ToolsCommand
{
    public static Command Create(SettingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = new Argument<string?>("tool") { Description = "Show this tool's description and arguments.", Arity = ArgumentArity.ZeroOrOne };
        var markdown = new Option<string?>("--markdown") { Description = "Write the full reference as Markdown to this file (docs/API_REFERENCE.md)." };
        var command = new Command("tools", "List the tools this configuration offers (honours --read-only and --tools); `tools NAME` shows one tool's arguments.") { name, markdown };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = settings.Load(parse);
            if (!StartupChecks.ReportSettings(loaded))
            {
                return ExitCodes.BadConfiguration;
            }

            var tools = ToolSelection.Apply(ToolCatalog.All, loaded);
            if (parse.GetValue(markdown) is { } path)
            {
                await File.WriteAllTextAsync(path, ApiReference.Render(tools), cancellationToken);
                Console.Error.WriteLine($"Wrote {tools.Count} tools to {path}.");
                return ExitCodes.Ok;
            }

            if (parse.GetValue(name) is { } wanted)
            {
                if (tools.FirstOrDefault(t => t.Name.Equals(wanted, StringComparison.Ordinal)) is not { } tool)
                {
                    Console.Error.WriteLine($"proxmox-mcp: {UnknownTool.Explain(wanted, ToolCatalog.All, loaded)}");
                    return ExitCodes.BadConfiguration;
                }

                Console.WriteLine(ToolDetails.Render(tool));
                return ExitCodes.Ok;
            }

            foreach (var tool in tools)
            {
                var annotations = tool.Tool.ProtocolTool.Annotations;
                var kind = tool.IsReadOnly ? "read-only" : annotations?.DestructiveHint == true ? "destructive" : "changes";
                Console.WriteLine($"{tool.Name,-26} {tool.Group,-11} {kind,-11} {tool.Tool.ProtocolTool.Title}");
            }

            Console.Error.WriteLine($"{tools.Count} tools. `proxmox-mcp tools NAME` shows a tool's arguments.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
