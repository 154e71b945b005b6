namespace ProxmoxMcp.Server.Hosting.Protocol;

public static class JsonRpcCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;
}
