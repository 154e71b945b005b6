namespace ProxmoxMcp.Proxmox;

/// <summary>
/// An identifier or parameter that PVE would refuse, or that could change the meaning of a request path.
/// Raised before any request is sent; the message says what is allowed.
/// </summary>
public sealed class ProxmoxArgumentException : ArgumentException
{
    public ProxmoxArgumentException()
    {
    }

    public ProxmoxArgumentException(string message)
        : base(message)
    {
    }

    public ProxmoxArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProxmoxArgumentException(string parameterName, string message)
        : base(message, parameterName)
    {
    }

    /// <summary>The message without the " (Parameter 'x')" suffix that ArgumentException appends.</summary>
    public string Reason => ParamName is null ? Message : Message.Replace($" (Parameter '{ParamName}')", "", StringComparison.Ordinal);
}
