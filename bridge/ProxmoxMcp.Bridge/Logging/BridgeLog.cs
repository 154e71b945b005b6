using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Bridge.Logging;

/// <summary>
/// Timestamped log lines to standard error (which Claude Desktop keeps in its per-server log) and, optionally, a file.
/// Never writes to standard output: that carries protocol bytes only.
/// </summary>
internal sealed class BridgeLog : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly object gate = new();
    private readonly TextWriter[] sinks;
    private readonly TextWriter? file;

    public BridgeLog(LogLevel level, TextWriter stderr, string? logFile = null)
    {
        Level = level;
        if (logFile is not null)
        {
            var stream = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file = new StreamWriter(stream, Utf8NoBom) { AutoFlush = true };
        }

        sinks = file is null ? [stderr] : [stderr, file];
    }

    public LogLevel Level { get; }

    /// <summary>Standard error of this process, UTF-8 without BOM, flushed per line.</summary>
    public static TextWriter OpenStandardError() =>
        new StreamWriter(Console.OpenStandardError(), Utf8NoBom) { AutoFlush = true };

    public bool IsEnabled(LogLevel level) => level >= Level && level != LogLevel.None;

    public void Trace(string message) => Write(LogLevel.Trace, message);

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Warn(string message) => Write(LogLevel.Warn, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    public void Write(LogLevel level, string message)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} bridge {LevelName(level)} {message}");
        lock (gate)
        {
            foreach (var sink in sinks)
            {
                try
                {
                    sink.WriteLine(line);
                }
                catch (IOException)
                {
                    // A closed stderr must not take the bridge down; the other sink may still work.
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Info => "info ",
        LogLevel.Warn => "warn ",
        _ => "error",
    };
}
