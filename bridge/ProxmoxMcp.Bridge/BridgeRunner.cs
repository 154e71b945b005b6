using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Session;
using ProxmoxMcp.Bridge.Transport;

namespace ProxmoxMcp.Bridge;

/// <summary>Turns settings into a running bridge: loads the TLS material, opens the log, runs the session, maps failures to exit codes.</summary>
internal static class BridgeRunner
{
    public static async Task<int> RunAsync(BridgeSettings settings, Stream input, Stream output, TextWriter stderr, CancellationToken cancellationToken)
    {
        TlsClientFactory? tls;
        BridgeLog log;
        try
        {
            tls = settings.Tls is { } tlsSettings ? TlsClientFactory.Create(tlsSettings) : null;
            log = new BridgeLog(settings.LogLevel, stderr, settings.LogFile);
        }
        catch (Exception ex) when (ex is ConfigurationException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"bridge: {ex.Message}");
            return ExitCodes.Usage;
        }

        using (log)
        using (tls)
        {
            log.Info($"proxmox-mcp bridge {typeof(BridgeRunner).Assembly.GetName().Version} starting (pid {Environment.ProcessId})");
            var session = new BridgeSession(settings, log, input, output, new TcpServerConnector(settings, tls));
            return await session.RunAsync(cancellationToken);
        }
    }
}
