using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Server.Hosting;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>`check`: verifies the configuration against the cluster and says what to fix. Never prints a secret.</summary>
public static class CheckCommand
{
    public static Command Create(SettingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var command = new Command("check", "Check the configuration and the connection to Proxmox VE; exits non-zero on failure.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = settings.Load(parse);
            if (!StartupChecks.Report(loaded))
            {
                return ExitCodes.BadConfiguration;
            }

            var services = new ServiceCollection().AddProxmoxBackend(loaded).BuildServiceProvider();
            await using (services)
            {
                var proxmox = services.GetRequiredService<ProxmoxClient>();
                try
                {
                    var version = await proxmox.GetVersionAsync(cancellationToken);
                    Console.WriteLine($"OK: connected to Proxmox VE {version.Version} as {(loaded.Simulate ? "the simulated cluster" : loaded.Proxmox.ToString())}.");
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is ProxmoxApiException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
                {
                    var message = await services.GetRequiredService<ProxmoxErrorTranslator>().DescribeAsync(e, null, cancellationToken);
                    Console.WriteLine($"FAILED: {message}");
                    return ExitCodes.Failed;
                }
            }
        });
        return command;
    }
}
