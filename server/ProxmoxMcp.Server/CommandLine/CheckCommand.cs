using System.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Diagnostics;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// `check`: verifies the configuration, the network path and TLS to the node, authentication and the credentials'
/// privileges, and says what to fix. Exit 0 when the server will work (warnings allowed), 1 when something fails,
/// 2 for a configuration error. Never prints a secret.
/// </summary>
public static class CheckCommand
{
    /// <summary>Where install/install.sh writes the settings; `check` reads it when no other env file is named.</summary>
    public const string InstalledEnvFile = "/etc/proxmox-mcp/proxmox-mcp.env";

    public static Command Create(SettingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var command = new Command(
            "check",
            "Check the configuration, the connection to Proxmox VE (DNS, TCP, TLS), authentication and the credentials' privileges; exits non-zero on failure. " +
            $"Reads {InstalledEnvFile} when no --env-file, {SettingNames.EnvFile} or ./.env is given.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workingDirectory = Directory.GetCurrentDirectory();
            var envFile = parse.GetValue(settings.EnvFileOption) ?? DefaultEnvFile(workingDirectory);
            if (envFile is not null && !CanRead(envFile))
            {
                Console.WriteLine($"FAIL  cannot read the env file {envFile}: it holds the token secret and is readable by root and the proxmox-mcp group only. Run: sudo proxmox-mcp check");
                return ExitCodes.BadConfiguration;
            }

            var loaded = SettingsLoader.Load(settings.Values(parse), Environment.GetEnvironmentVariables(), envFile, workingDirectory);

            Console.WriteLine($"proxmox-mcp {Hosting.ServerHost.Version} check");
            if (envFile is null && !File.Exists(InstalledEnvFile) && Directory.Exists(Path.GetDirectoryName(InstalledEnvFile)))
            {
                Console.WriteLine($"note  {Path.GetDirectoryName(InstalledEnvFile)} exists but this user cannot read it, so the installed settings are not checked: sudo proxmox-mcp check");
            }

            return await ProxmoxCheck.RunAsync(loaded, new CheckReport(Console.Out), cancellationToken);
        });
        return command;
    }

    private static bool CanRead(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // missing or unreadable for another reason: the settings loader reports it
        }
    }

    private static string? DefaultEnvFile(string workingDirectory) =>
        Environment.GetEnvironmentVariable(SettingNames.EnvFile) is { Length: > 0 } named ? named
        : File.Exists(Path.Combine(workingDirectory, ".env")) ? null
        : File.Exists(InstalledEnvFile) ? InstalledEnvFile
        : null;
}
