using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ProxmoxMcp.Server.Hosting.Protocol;

/// <summary>
/// Sits between stdin/stdout and the SDK's transport. It splits input into lines (LF, CRLF tolerated), bounds their
/// length, answers malformed messages with the JSON-RPC error the spec asks for (so no client waits forever), and
/// forwards the rest. On stdin EOF it lets requests in flight finish and their replies go out (bounded), so
/// `printf '...' | proxmox-mcp` gets its answers.
/// </summary>
public sealed partial class ProtocolGuard : IAsyncDisposable
{
    /// <summary>The longest message accepted; tool calls are tiny, so this only stops runaway input.</summary>
    public const int DefaultMaxLineBytes = 8 * 1024 * 1024;

    private readonly Stream input;
    private readonly GatedOutputStream output;
    private readonly Pipe toServer = new();
    private readonly InFlightRequests inFlight = new();
    private readonly int maxLineBytes;
    private readonly TimeSpan drainTimeout;
    private ILogger logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private readonly CancellationTokenSource stopping = new();
    private Task? pump;
    private int disposed;

    public ProtocolGuard(Stream input, Stream output, int maxLineBytes = DefaultMaxLineBytes, TimeSpan? drainTimeout = null)
    {
        this.input = input;
        this.output = new GatedOutputStream(output, inFlight);
        this.maxLineBytes = maxLineBytes;
        this.drainTimeout = drainTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>What the SDK reads: well-formed lines only.</summary>
    public Stream ServerInput => toServer.Reader.AsStream();

    /// <summary>What the SDK writes to.</summary>
    public Stream ServerOutput => output;

    public void Start(ILogger log)
    {
        logger = log;
        pump ??= Task.Run(() => PumpAsync(stopping.Token));
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var discarding = false;
        var discardedHead = Array.Empty<byte>();
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                StartupTrace.FirstByteRead();
                var buffer = read.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (discarding)
                    {
                        discarding = false;
                        await RejectOversizedAsync(discardedHead, line, cancellationToken);
                        continue;
                    }

                    if (line.Length > maxLineBytes)
                    {
                        LogOversized(logger, maxLineBytes);
                        await RejectOversizedAsync(line.Slice(0, 4096).ToArray(), line, cancellationToken);
                        continue;
                    }

                    await HandleLineAsync(line, cancellationToken);
                }

                if (buffer.Length > maxLineBytes)
                {
                    // An over-long line: keep its head (for the id), drop the rest as it arrives.
                    if (!discarding)
                    {
                        discardedHead = buffer.Slice(0, Math.Min(4096, buffer.Length)).ToArray();
                        LogOversized(logger, maxLineBytes);
                    }

                    discarding = true;
                    buffer = buffer.Slice(buffer.Length);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    if (!buffer.IsEmpty && !discarding)
                    {
                        await HandleLineAsync(buffer, cancellationToken);
                    }

                    break;
                }
            }
        }
        catch (IOException e)
        {
            LogInputFailed(logger, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await reader.CompleteAsync();
        }

        // stdin is closed: let answers to requests already accepted go out before the SDK sees EOF.
        if (inFlight.Count > 0 && !output.IsBroken)
        {
            await inFlight.WaitUntilDrainedAsync(drainTimeout, stopping.Token);
        }

        await toServer.Writer.CompleteAsync();
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private async Task HandleLineAsync(ReadOnlySequence<byte> sequence, CancellationToken cancellationToken)
    {
        var line = sequence.ToArray().AsMemory();
        if (line.Length > 0 && line.Span[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Span.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        var verdict = LineInspector.Inspect(line.Span);
        if (!verdict.Forward)
        {
            if (verdict.ErrorCode != 0)
            {
                await ReplyErrorAsync(verdict.RequestId, verdict.ErrorCode, verdict.ErrorMessage!, cancellationToken);
            }

            LogRejected(logger, verdict.ErrorMessage ?? "malformed notification dropped");
            return;
        }

        if (verdict.RequestId is { } id)
        {
            inFlight.Started(id);
        }

        if (verdict.CancelledId is { } cancelled)
        {
            inFlight.Finished(cancelled);
        }

        await toServer.Writer.WriteAsync(line, cancellationToken);
        await toServer.Writer.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private Task RejectOversizedAsync(byte[] head, ReadOnlySequence<byte> tail, CancellationToken cancellationToken)
    {
        var end = tail.Length > 4096 ? tail.Slice(tail.Length - 4096).ToArray() : tail.ToArray();
        var id = LineInspector.GuessId(head) ?? LineInspector.GuessId(end);
        return ReplyErrorAsync(id, JsonRpcCodes.InvalidRequest, $"Invalid Request: the message is larger than the {maxLineBytes / (1024 * 1024)} MiB this server accepts.", cancellationToken);
    }

    private Task ReplyErrorAsync(string? id, int code, string message, CancellationToken cancellationToken)
    {
        var escaped = System.Text.Json.JsonSerializer.Serialize(message, ProtocolJsonContext.Default.String);
        var json = $"{{\"jsonrpc\":\"2.0\",\"id\":{id ?? "null"},\"error\":{{\"code\":{code},\"message\":{escaped}}}}}\n";
        return output.WriteLineAsync(Encoding.UTF8.GetBytes(json), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        if (pump is not null)
        {
            await pump;
        }

        stopping.Dispose();
        await output.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a client message: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A client message exceeds {Limit} bytes; discarding it")]
    private static partial void LogOversized(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading stdin failed")]
    private static partial void LogInputFailed(ILogger logger, Exception exception);
}
