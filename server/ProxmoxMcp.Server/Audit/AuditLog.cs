using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Audit;

/// <summary>The audit log of this server (the path from <see cref="ServerSettings.AuditLog"/>), or none.</summary>
public sealed class AuditLog(ServerSettings settings, TimeProvider time) : IDisposable
{
    private static int calls;
    private readonly SemaphoreSlim gate = new(1, 1);

    public string? Path => settings.AuditLog;

    public bool Enabled => Path is not null;

    /// <summary>A new id for the two lines of one call: process id and a counter.</summary>
    public static string NewCallId() => $"{Environment.ProcessId}.{Interlocked.Increment(ref calls)}";

    /// <summary>Appends one record, stamped with the time and chained to the last line.</summary>
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = Path ?? throw new InvalidOperationException("No audit log is configured.");
        var stamped = record with { Time = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) };

        // One append at a time in this process; the file lock orders this process against the others.
        await gate.WaitAsync(cancellationToken);
        try
        {
            await AuditFile.AppendAsync(path, prev => AuditChain.Seal(stamped, prev), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
