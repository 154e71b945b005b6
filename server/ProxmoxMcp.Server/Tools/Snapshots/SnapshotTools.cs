namespace ProxmoxMcp.Server.Tools.Snapshots;

public sealed class SnapshotTools;
