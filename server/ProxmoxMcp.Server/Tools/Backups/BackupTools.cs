namespace ProxmoxMcp.Server.Tools.Backups;

public sealed class BackupTools;
