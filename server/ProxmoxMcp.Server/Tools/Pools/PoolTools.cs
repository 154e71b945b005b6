namespace ProxmoxMcp.Server.Tools.Pools;

public sealed class PoolTools;
