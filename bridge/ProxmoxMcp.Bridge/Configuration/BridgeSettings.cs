using ProxmoxMcp.Bridge.Logging;

namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>Everything the bridge needs to run, resolved from options, environment variables and defaults.</summary>
internal sealed record BridgeSettings
{
    public const int DefaultPort = 3100;

    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    /// <summary>TLS settings, or null for plain TCP.</summary>
    public TlsSettings? Tls { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries per outage after the first attempt; null means never give up.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>The first retry delay; later ones grow exponentially (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many client messages may wait while the link is down.</summary>
    public int QueueMaxMessages { get; init; } = 1000;

    /// <summary>How many bytes of client messages may wait while the link is down (one message is always accepted).</summary>
    public long QueueMaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a client message may wait for the link before it is answered with an error (requests) or dropped.</summary>
    public TimeSpan QueueDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Send an MCP ping when nothing has arrived from the server for this long; zero turns pings off.</summary>
    public TimeSpan IdlePing { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A ping with no byte from the server for this long marks the link dead.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest accepted message (one line, without its line feed), both ways.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>After standard input closes: how long to wait for queued messages to go out and pending replies to come back.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    public string? LogFile { get; init; }

    public string Endpoint => $"{Host}:{Port}";
}
