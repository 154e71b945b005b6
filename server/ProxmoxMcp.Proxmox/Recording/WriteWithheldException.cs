namespace ProxmoxMcp.Proxmox.Recording;

/// <summary>
/// Thrown in a dry run instead of sending the first request that would change something: the tool call ends here,
/// and the call-tool filter that started the dry run turns it into the preview.
/// </summary>
public sealed class WriteWithheldException : Exception
{
    public WriteWithheldException()
        : this("A write was withheld (dry run).")
    {
    }

    public WriteWithheldException(string message)
        : base(message)
    {
        Write = new PveExchange("", "", []);
    }

    public WriteWithheldException(string message, Exception innerException)
        : base(message, innerException)
    {
        Write = new PveExchange("", "", []);
    }

    internal WriteWithheldException(PveExchange write)
        : base($"Dry run: {write} was not sent.")
    {
        Write = write;
    }

    /// <summary>The request that would have been sent.</summary>
    public PveExchange Write { get; }
}
