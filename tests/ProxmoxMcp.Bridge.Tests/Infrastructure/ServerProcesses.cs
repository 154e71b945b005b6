using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

internal static class ServerProcesses
{
    /// <summary>The MCP server processes socat has started (not the forked socat relays).</summary>
    public static IReadOnlyList<int> Of(SocatListener socat) =>
        socat.Descendants().Where(pid => Command(pid) == "proxmox-mcp").ToList();

    private static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static async Task SignalAsync(int pid, string signal) =>
        await ProcessRunner.RunAsync("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], TestTimeouts.Step);
}
