using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Framing;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>Reads the client's messages from standard input and hands them to the session; returns at end of input.</summary>
internal sealed class ClientPump
{
    private readonly Stream input;
    private readonly BridgeSettings settings;
    private readonly BridgeLog log;
    private readonly SessionState state;
    private readonly ClientWriter client;

    public ClientPump(Stream input, BridgeSettings settings, BridgeLog log, SessionState state, ClientWriter client)
    {
        this.input = input;
        this.settings = settings;
        this.log = log;
        this.state = state;
        this.client = client;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new LineReader(input, settings.MaxMessageBytes);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                log.Warn($"reading standard input failed: {ex.Message}; treating it as closed");
                return;
            }

            switch (result.Outcome)
            {
                case ReadOutcome.EndOfStream:
                    if (reader.TruncatedTailBytes > 0)
                    {
                        log.Warn($"standard input ended inside a message; dropped its {reader.TruncatedTailBytes} bytes");
                    }

                    return;
                case ReadOutcome.Overlong:
                    await RefuseOverlongAsync(result.Overlong!);
                    break;
                default:
                    var message = JsonRpcMessage.Parse(result.Line);
                    if (log.IsEnabled(LogLevel.Trace))
                    {
                        log.Trace($"client -> bridge: {message} ({message.Bytes.Length} bytes)");
                    }

                    await state.SubmitAsync(message, cancellationToken);
                    break;
            }
        }
    }

    private async ValueTask RefuseOverlongAsync(OverlongLine line)
    {
        var what = $"a client message of {line.Length} bytes (over the {settings.MaxMessageBytes}-byte limit set by --max-message-size)";
        if (line.IsRequest)
        {
            log.Warn($"answering {what}, request {line.Method} id {line.Id}, with an error");
            await client.WriteAsync(JsonRpcBuilder.Error(line.Id!.Value, JsonRpcBuilder.InvalidRequestCode,
                $"The request ({line.Length} bytes) exceeds the bridge's limit of {settings.MaxMessageBytes} bytes (--max-message-size); it was not sent.",
                "request_too_large"));
        }
        else
        {
            log.Warn($"dropped {what}{(line.Method is null ? "" : $", {line.Method}")}");
        }
    }
}
