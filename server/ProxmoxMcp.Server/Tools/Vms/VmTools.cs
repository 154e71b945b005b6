namespace ProxmoxMcp.Server.Tools.Vms;

public sealed class VmTools;
