using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// The log: one line per entry on stderr (stdout carries protocol bytes only), in the simple console format
/// (<c>HH:mm:ss.fff warn: Category[id] message</c>). Written by hand because the console logger needs the options
/// and DI machinery that start-up no longer builds; the level filter is the logger factory's.
/// </summary>
public sealed class StderrLoggerProvider : ILoggerProvider
{
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName, this);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (gate)
        {
            Console.Error.Write(line);
        }
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class StderrLogger(string category, StderrLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = new StringBuilder()
                .Append(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture))
                .Append(Abbreviation(logLevel)).Append(": ")
                .Append(category).Append('[').Append(eventId.Id.ToString(CultureInfo.InvariantCulture)).Append("] ")
                .Append(formatter(state, exception).ReplaceLineEndings(" "));
            if (exception is not null)
            {
                line.Append(' ').Append(exception.ToString().ReplaceLineEndings(" "));
            }

            owner.Write(line.Append('\n').ToString());
        }
    }
}
