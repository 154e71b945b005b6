namespace ProxmoxMcp.Server.Tools.Containers;

public sealed class ContainerTools;
