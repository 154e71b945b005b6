namespace ProxmoxMcp.Server.Tools.Tasks;

public sealed class TaskTools;
