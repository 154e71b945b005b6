using Microsoft.Extensions.Logging;

namespace ProxmoxMcp.Server.Hosting.Http;

/// <summary>
/// The token file as the running server sees it: read at start (a missing or malformed file stops the start), then
/// read again when its modification time changes, so <c>http-token add</c> takes effect and a deleted line is revoked
/// without a restart. A file that becomes unreadable or malformed leaves no token valid (fail closed: a line deleted
/// to revoke a token must not stay in force because of a typo elsewhere) until it is fixed; that is logged.
/// </summary>
public sealed partial class HttpTokenStore
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);
    private readonly string path;
    private readonly ILogger logger;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private IReadOnlyList<HttpToken> tokens;
    private DateTime loadedWriteTime;
    private long nextCheck;

    private HttpTokenStore(string path, IReadOnlyList<HttpToken> tokens, DateTime writeTime, ILogger logger, TimeProvider clock)
    {
        this.path = path;
        this.tokens = tokens;
        this.logger = logger;
        this.clock = clock;
        loadedWriteTime = writeTime;
        nextCheck = clock.GetTimestamp();
    }

    public int Count => tokens.Count;

    /// <exception cref="FormatException">The file is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static HttpTokenStore Load(string path, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var writeTime = File.GetLastWriteTimeUtc(path);
        return new HttpTokenStore(path, HttpTokenFile.Parse(File.ReadAllLines(path)), writeTime, logger, clock ?? TimeProvider.System);
    }

    /// <summary>The token whose hash matches the presented one, or null.</summary>
    public HttpToken? Find(string presented)
    {
        RefreshIfChanged();
        return HttpTokenFile.Find(tokens, presented);
    }

    private void RefreshIfChanged()
    {
        var now = clock.GetTimestamp();
        if (now < Interlocked.Read(ref nextCheck))
        {
            return;
        }

        lock (gate)
        {
            if (now < nextCheck)
            {
                return;
            }

            nextCheck = now + (long)(CheckInterval.TotalSeconds * clock.TimestampFrequency);
            try
            {
                var writeTime = File.GetLastWriteTimeUtc(path);
                if (writeTime == loadedWriteTime)
                {
                    return;
                }

                tokens = HttpTokenFile.Parse(File.ReadAllLines(path));
                loadedWriteTime = writeTime;
                LogReloaded(logger, path, tokens.Count);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                tokens = [];
                loadedWriteTime = DateTime.MinValue;
                LogReloadFailed(logger, path, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Path} again: {Count} tokens")]
    private static partial void LogReloaded(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot read {Path} ({Reason}): no token is accepted until it is fixed")]
    private static partial void LogReloadFailed(ILogger logger, string path, string reason);
}
