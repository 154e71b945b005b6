using ProxmoxMcp.Bridge.Framing;
using ProxmoxMcp.Bridge.Logging;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// The one way to the client's standard input (our standard output): whole lines, one writer at a time.
/// When the client stops reading, <see cref="Gone"/> completes and later writes are dropped.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The write lock never allocates a wait handle; disposing it while a writer may still wait would only add a failure mode.")]
internal sealed class ClientWriter
{
    private readonly Stream output;
    private readonly BridgeLog log;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly TaskCompletionSource gone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClientWriter(Stream output, BridgeLog log)
    {
        this.output = output;
        this.log = log;
    }

    public Task Gone => gone.Task;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> line)
    {
        if (gone.Task.IsCompleted)
        {
            return;
        }

        await writeLock.WaitAsync();
        try
        {
            await LineWriter.WriteLineAsync(output, line, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            if (gone.TrySetResult())
            {
                log.Info($"the client closed its end of standard output: {ex.Message}");
            }
        }
        finally
        {
            writeLock.Release();
        }
    }
}
