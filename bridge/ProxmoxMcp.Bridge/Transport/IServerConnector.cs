namespace ProxmoxMcp.Bridge.Transport;

/// <summary>Opens one connection to the MCP service; throws <see cref="ConnectFailedException"/> saying why not.</summary>
internal interface IServerConnector
{
    /// <summary>Describes where and how it connects, for the log.</summary>
    string Describe();

    Task<Stream> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Says in words why an established connection failed (TLS alerts arrive after the handshake).</summary>
    string Explain(Exception exception);
}
