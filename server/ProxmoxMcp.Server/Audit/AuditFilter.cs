using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox.Recording;
using ProxmoxMcp.Server.DryRun;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Audit;

/// <summary>
/// Audits every call of a write tool (dry runs excepted: they send nothing). The outermost call-tool filter, so it
/// sees the result as the model does. Two lines per call: the attempt, written and flushed before the tool runs (a
/// call whose attempt cannot be written is refused, and nothing reaches Proxmox), and the outcome when it ends. Two
/// lines rather than one written afterwards: a process killed in the middle of a write (a dropped connection, a
/// stopped service) still leaves the attempt in the log, and a pre-check of the file proves nothing about a later
/// append (disk full, lock held).
/// </summary>
public static partial class AuditFilter
{
    /// <summary>Characters of an error text kept in an outcome line.</summary>
    private const int MaxErrorChars = 1_003;

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is not McpServerTool tool || tool.ProtocolTool.Annotations?.ReadOnlyHint == true
                || DryRunFilter.IsRequested(context.Params?.Arguments))
            {
                return await next(context, cancellationToken);
            }

            var log = context.Services!.GetRequiredService<AuditLog>();
            if (!log.Enabled)
            {
                return await next(context, cancellationToken);
            }

            var name = tool.ProtocolTool.Name;
            var call = AuditLog.NewCallId();
            var client = context.JsonRpcRequest?.Context?.ClientInfo ?? context.Server.ClientInfo;
            try
            {
                await log.AppendAsync(
                    new AuditRecord
                    {
                        Time = "",
                        Event = "attempt",
                        Call = call,
                        Tool = name,
                        Arguments = AuditArguments.From(context.Params?.Arguments),
                        Client = client is null ? null : new AuditClient(client.Name, client.Version),
                    },
                    cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new CallToolResult
                {
                    IsError = true,
                    Content = [new TextContentBlock { Text = $"audit log {log.Path} not writable: {e.Message.TrimEnd('.')}; nothing was sent. Tell the user (the operator must fix the audit log)." }],
                };
            }

            using var recording = PveRecorder.Start(dryRun: false);
            CallToolResult? result = null;
            var outcome = "cancelled";
            string? error = null;
            try
            {
                result = await next(context, cancellationToken);
                (outcome, error) = result.IsError == true ? ("error", Format.Shorten(result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text, MaxErrorChars)) : ("ok", null);
                return result;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (outcome, error) = ("error", Format.Shorten(e.Message, MaxErrorChars));
                throw;
            }
            finally
            {
                await WriteOutcomeAsync(context, log, call, name, recording.Recorder.Exchanges, outcome, error, result);
            }
        };

    private static async Task WriteOutcomeAsync(
        RequestContext<CallToolRequestParams> context, AuditLog log, string call, string tool, IReadOnlyList<PveExchange> exchanges, string outcome, string? error, CallToolResult? result)
    {
        var record = new AuditRecord
        {
            Time = "",
            Event = "outcome",
            Call = call,
            Tool = tool,
            Requests = [.. exchanges.Where(x => !x.IsRead).Select(x => new AuditRequest(x.Method, x.Path, AuditArguments.FromPairs(x.Parameters), x.Status, x.Upid, x.Error))],
            Reads = exchanges.Count(x => x.IsRead),
            Outcome = outcome,
            Error = error,
        };
        try
        {
            // Not cancelled with the call: what was sent must be recorded even when the client gave up.
            await log.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogOutcomeLost(context.Services!.GetRequiredService<ILoggerFactory>().CreateLogger("ProxmoxMcp.Audit"), log.Path, call, e.Message);
            result?.Content.Add(new TextContentBlock { Text = $"Warning: the outcome could not be added to the audit log {log.Path} ({e.Message})." });
        }
    }


    [LoggerMessage(Level = LogLevel.Error, Message = "Audit log {Path}: the outcome of call {Call} could not be written: {Reason}")]
    private static partial void LogOutcomeLost(ILogger logger, string? path, string call, string reason);
}
