namespace ProxmoxMcp.Server.Tools.Storage;

public sealed class StorageTools;
