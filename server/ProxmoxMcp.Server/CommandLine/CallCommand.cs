using System.CommandLine;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>`call TOOL --arg key=value ...`: runs one tool through a real MCP session and prints its result, for debugging.</summary>
public static class CallCommand
{
    public static Command Create(SettingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tool = new Argument<string>("tool") { Description = "The tool to call, e.g. get_cluster_status." };
        var arguments = new Option<string[]>("--arg", "-a")
        {
            Description = "A tool argument as key=value; the value is read as JSON when it parses (100, true, [1,2]) and as text otherwise. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Also print the structured result as JSON." };
        var command = new Command(
            "call",
            "Call one tool and print its result (exit 0; 1 when the tool reports an error; 2 for a configuration error or a tool this configuration does not offer). " +
            "With --simulate every call starts from a fresh simulated cluster, so a change does not carry over to the next call: " +
            "for a session, run the server itself (see `demo`).")
        { tool, arguments, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = settings.Load(parse);
            if (!StartupChecks.Report(loaded))
            {
                return ExitCodes.BadConfiguration;
            }

            Dictionary<string, object?> values;
            try
            {
                values = ParseArguments(parse.GetValue(arguments) ?? []);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"proxmox-mcp: {e.Message}");
                return ExitCodes.BadConfiguration;
            }

            var name = parse.GetValue(tool)!;
            if (!ToolSelection.Apply(ToolCatalog.All, loaded).Any(t => t.Name.Equals(name, StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"proxmox-mcp: {UnknownTool.Explain(name, ToolCatalog.All, loaded)}");
                return ExitCodes.BadConfiguration;
            }

            await using var session = await InProcessSession.StartAsync(loaded, cancellationToken: cancellationToken);
            var progress = new SynchronousProgress(p => Console.Error.WriteLine($"... {p.Message}"));
            CallToolResult result;
            try
            {
                result = await session.Client.CallToolAsync(name, values, progress, cancellationToken: cancellationToken);
            }
            catch (McpProtocolException e)
            {
                Console.Error.WriteLine($"proxmox-mcp: {e.Message}");
                return ExitCodes.BadConfiguration;
            }

            foreach (var block in result.Content.OfType<TextContentBlock>())
            {
                Console.WriteLine(block.Text);
            }

            if (parse.GetValue(json) && result.StructuredContent is { } structured)
            {
                Console.WriteLine(JsonSerializer.Serialize(structured, CliJsonContext.Default.JsonElement));
            }

            return result.IsError == true ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    public static Dictionary<string, object?> ParseArguments(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"--arg '{pair}' is not key=value.");
            }

            var text = pair[(equals + 1)..];
            object? value;
            try
            {
                value = JsonSerializer.Deserialize(text, CliJsonContext.Default.JsonElement);
            }
            catch (JsonException)
            {
                value = text;
            }

            values[pair[..equals]] = value;
        }

        return values;
    }
}
