namespace ProxmoxMcp.Proxmox.Tasks;

/// <summary>How a worker task ended, or where it was when waiting stopped.</summary>
/// <param name="Upid">The task.</param>
/// <param name="Finished">PVE reports the task stopped.</param>
/// <param name="Succeeded">Finished with <c>OK</c> or <c>WARNINGS: n</c>.</param>
/// <param name="ExitStatus">PVE's exit status: OK, "WARNINGS: n", or the error text; null while running.</param>
/// <param name="Elapsed">Time spent waiting.</param>
/// <param name="LogTail">The last lines of the task log (on failure or timeout; a few on success).</param>
public sealed record TaskOutcome(Upid Upid, bool Finished, bool Succeeded, string? ExitStatus, TimeSpan Elapsed, IReadOnlyList<string> LogTail)
{
    public static bool IsSuccessExitStatus(string? exitStatus) =>
        exitStatus == "OK" || (exitStatus?.StartsWith("WARNINGS:", StringComparison.Ordinal) ?? false);
}
