namespace ProxmoxMcp.Bridge.Session;

/// <summary>The server stayed unreachable through --max-retries attempts.</summary>
internal sealed class GaveUpException : Exception
{
    public GaveUpException()
    {
    }

    public GaveUpException(string message)
        : base(message)
    {
    }

    public GaveUpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
