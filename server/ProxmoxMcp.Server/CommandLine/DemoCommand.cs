using System.CommandLine;
using System.Diagnostics;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// `demo`: starts this program as an MCP server on stdio, exactly as Claude Desktop or socat would, connects the
/// SDK's MCP client to it, and walks through a short session against the simulated cluster, printing each call.
/// </summary>
public static class DemoCommand
{
    public static Command Create(SettingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var live = new Option<bool>("--live") { Description = "Run the read-only part of the tour against the configured Proxmox instead of the simulated cluster." };
        var command = new Command("demo", "Show the server at work: a scripted MCP session against the simulated cluster.") { live };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isLive = parse.GetValue(live);
            if (isLive && !StartupChecks.Report(settings.Load(parse)))
            {
                return ExitCodes.BadConfiguration;
            }

            var (program, prefix) = ThisProgram();
            var forwarded = ForwardedSettings(settings, parse).ToList();
            var transport = new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "proxmox-mcp",
                Command = program,
                // The server gets the same settings the demo was given (--env-file, --host, --token-id, ...).
                Arguments = [.. prefix, .. forwarded, .. isLive || forwarded.Contains("--simulate") ? Array.Empty<string>() : ["--simulate"]],
                StandardErrorLines = line => Console.Error.WriteLine($"  [server stderr] {line}"),
            });
            try
            {
                return await RunTourAsync(transport, isLive, cancellationToken);
            }
            catch (Exception e) when (e is IOException or McpException or TimeoutException or InvalidOperationException)
            {
                Console.Error.WriteLine($"proxmox-mcp: the demo stopped: {e.Message.Split('\n')[0]}" +
                    (isLive ? " Run `proxmox-mcp check` with the same options to see what is wrong." : ""));
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>The setting options given on the command line, to pass on to the server the demo starts.</summary>
    public static IEnumerable<string> ForwardedSettings(SettingOptions settings, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(settings.EnvFileOption) is { } envFile)
        {
            yield return "--env-file";
            yield return envFile;
        }

        foreach (var (option, value) in settings.CommandLineOptions(parse))
        {
            yield return option;
            yield return value;
        }
    }

    /// <summary>This program as a command: the AOT binary or apphost itself, or `dotnet proxmox-mcp.dll` when run that way.</summary>
    private static (string Program, string[] Prefix) ThisProgram()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        return Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (path, [Path.Combine(AppContext.BaseDirectory, "proxmox-mcp.dll")])
            : (path, []);
    }

    private static async Task<int> RunTourAsync(StdioClientTransport transport, bool isLive, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new Implementation { Name = "proxmox-mcp demo", Version = "1" } }, cancellationToken: cancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        Console.WriteLine($"Connected to {client.ServerInfo?.Name} {client.ServerInfo?.Version} over stdio in {started.ElapsedMilliseconds} ms: {tools.Count} tools" +
            (isLive ? " (live cluster)." : " (simulated cluster; pass --live for your own)."));
        Console.WriteLine(client.ServerInstructions);
        var failures = 0;
        foreach (var step in DemoScript.Steps(isLive))
        {
            failures += await RunStepAsync(client, step, cancellationToken) == step.ExpectError ? 0 : 1;
        }

        Console.WriteLine();
        Console.WriteLine(failures == 0 ? "Demo finished: every step behaved as expected." : $"Demo finished with {failures} unexpected result(s).");
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<bool> RunStepAsync(McpClient client, DemoStep step, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"## {step.Explanation}");
        Console.WriteLine($"> {step.Tool} {string.Join(' ', step.Arguments.Select(a => $"{a.Key}={a.Value}"))}");
        var progress = new SynchronousProgress(p => Console.WriteLine($"  (progress) {p.Message}"));
        var result = await client.CallToolAsync(step.Tool, step.Arguments, progress, cancellationToken: cancellationToken);
        foreach (var text in result.Content.OfType<TextContentBlock>())
        {
            Console.WriteLine((result.IsError == true ? "[tool error] " : "") + text.Text);
        }

        return result.IsError == true;
    }
}

/// <summary>One call of the tour: why, what, and whether a tool error is the point of the step.</summary>
public sealed record DemoStep(string Explanation, string Tool, IReadOnlyDictionary<string, object?> Arguments, bool ExpectError = false);

public static class DemoScript
{
    private static Dictionary<string, object?> Args(params (string Key, object? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    public static IEnumerable<DemoStep> Steps(bool live)
    {
        yield return new DemoStep("Is the cluster healthy?", "get_cluster_status", Args());
        yield return new DemoStep("Which nodes are there, and how loaded are they?", "get_nodes", Args());
        yield return new DemoStep("What runs where? (one API request, paged)", "get_cluster_resources", Args(("type", "vm"), ("limit", 8)));
        if (live)
        {
            yield break;
        }

        yield return new DemoStep("Details of one VM; node is found from the vmid.", "get_vm", Args(("vmid", 100)));
        yield return new DemoStep("Start a stopped VM: the tool waits for the Proxmox task and reports its outcome.", "start_vm", Args(("vmid", 103)));
        yield return new DemoStep("A VM tool called with a container's id explains the mix-up.", "start_vm", Args(("vmid", 200)), ExpectError: true);
        yield return new DemoStep("Destructive tools ask first: a hard stop without confirmation is refused.", "stop_vm", Args(("vmid", 103)), ExpectError: true);
        yield return new DemoStep("...and goes ahead once the user agreed and confirm repeats the vmid.", "stop_vm", Args(("vmid", 103), ("confirm", "103")));
        yield return new DemoStep("Clone the template (linked clone), waiting for the task.", "clone_vm", Args(("vmid", 9000), ("newid", 150), ("name", "demo-clone")));
        yield return new DemoStep("Identifiers are validated before anything reaches Proxmox.", "get_node_status", Args(("node", "pve1/../../access")), ExpectError: true);
    }
}
