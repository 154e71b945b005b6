namespace ProxmoxMcp.Proxmox.Tasks;

/// <summary>A task is still running: how long so far, and its newest log line.</summary>
public sealed record TaskProgress(Upid Upid, TimeSpan Elapsed, string? LatestLogLine, int Polls);
