namespace ProxmoxMcp.Bridge.Session;

/// <summary>A connection ended (or never became usable); the message says why. The supervisor retries with backoff.</summary>
internal sealed class LinkClosedException : Exception
{
    public LinkClosedException()
    {
    }

    public LinkClosedException(string message)
        : base(message)
    {
    }

    public LinkClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
