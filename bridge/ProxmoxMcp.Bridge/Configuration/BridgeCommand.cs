using System.CommandLine;

namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>The command line: every <see cref="BridgeOptions"/> entry as an option whose help names its environment variable.</summary>
internal static class BridgeCommand
{
    public static RootCommand Create(Func<BridgeSettings, CancellationToken, Task<int>> run, Func<string, string?> environment, TextWriter error)
    {
        var root = new RootCommand(
            "Connects Claude Desktop (or any MCP client speaking stdio) to a remote Proxmox MCP service over TCP or TLS, " +
            "reconnecting and replaying the session when the connection drops. Every option can also be set by its " +
            "environment variable; an option on the command line wins.");
        var options = new Dictionary<OptionSpec, Option>();
        foreach (var spec in BridgeOptions.All)
        {
            Option option = spec.IsFlag
                ? new Option<bool>(spec.Name) { Description = $"{spec.Description} [env: {spec.EnvironmentVariable}]" }
                : new Option<string>(spec.Name) { Description = $"{spec.Description} [env: {spec.EnvironmentVariable}]", HelpName = spec.HelpName };
            options[spec] = option;
            root.Options.Add(option);
        }

        root.SetAction(async (parseResult, cancellationToken) =>
        {
            string? CommandLineValue(OptionSpec spec)
            {
                var result = parseResult.GetResult(options[spec]);
                if (result is null || result.Implicit)
                {
                    return null;
                }

                return spec.IsFlag ? (parseResult.GetValue((Option<bool>)options[spec]) ? "true" : "false") : parseResult.GetValue((Option<string>)options[spec]);
            }

            var (settings, errors) = SettingsResolver.Resolve(CommandLineValue, environment);
            if (settings is null)
            {
                foreach (var problem in errors)
                {
                    await error.WriteLineAsync($"bridge: {problem}");
                }

                await error.WriteLineAsync("bridge: see 'bridge --help'");
                return ExitCodes.Usage;
            }

            return await run(settings, cancellationToken);
        });
        return root;
    }
}
