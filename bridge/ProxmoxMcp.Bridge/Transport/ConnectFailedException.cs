namespace ProxmoxMcp.Bridge.Transport;

/// <summary>A connect attempt failed; the message says why in words a user can act on.</summary>
internal sealed class ConnectFailedException : Exception
{
    public ConnectFailedException()
    {
    }

    public ConnectFailedException(string message)
        : base(message)
    {
    }

    public ConnectFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
