namespace ProxmoxMcp.Bridge.Logging;

internal enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    None,
}
