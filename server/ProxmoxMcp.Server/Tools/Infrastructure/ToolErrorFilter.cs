using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Errors;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// The one place tool failures become tool errors the model can act on: arguments are checked against the input
/// schema first; Proxmox and transport failures are described by <see cref="ProxmoxErrorTranslator"/>; anything
/// else is logged and reported by type. Tools themselves do not catch.
/// </summary>
public static partial class ToolErrorFilter
{
    /// <param name="settings">The session's settings, which say why a tool it does not offer is hidden.</param>
    public static McpRequestFilter<CallToolRequestParams, CallToolResult> For(Configuration.ServerSettings settings) =>
        next => Wrap(next, settings);

    private static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next, Configuration.ServerSettings settings) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is null && context.Params?.Name is { } name)
            {
                throw new UnknownToolException(UnknownTool.Explain(name, ToolCatalog.All, settings));
            }

            if (context.MatchedPrimitive is McpServerTool tool)
            {
                OmitNullArguments(context.Params?.Arguments);
                ArgumentValidator.CoerceToStrings(tool.ProtocolTool.InputSchema, context.Params?.Arguments);
                var problems = ArgumentValidator.Validate(tool.ProtocolTool.InputSchema, context.Params?.Arguments);
                if (problems.Count > 0)
                {
                    return ToolResults.Error($"Invalid arguments for {tool.ProtocolTool.Name}: {string.Join(" ", problems)}");
                }
            }

            try
            {
                return await next(context, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (McpProtocolException)
            {
                // Unknown tool and the like: a JSON-RPC error, as the MCP spec asks.
                throw;
            }
            catch (InputRequiredException)
            {
                // Not a failure: the tool asks a 2026-07-28 client for input (MRTR); the SDK turns it into that result.
                throw;
            }
            catch (McpException e)
            {
                // A tool's own explanation (wrong kind of guest, confirmation needed, ...): the model reads it as is.
                // Returned here rather than left to the SDK, which would prefix it and log it as a failure.
                return ToolResults.Error(e.Message);
            }
            catch (Exception e)
            {
                var services = context.Services!;
                var translator = services.GetRequiredService<ProxmoxErrorTranslator>();
                var message = await translator.DescribeAsync(e, ct => KnownNodesAsync(services, ct), cancellationToken);
                if (message is null)
                {
                    LogUnexpected(services.GetRequiredService<ILoggerFactory>().CreateLogger("ProxmoxMcp.Tools"), e, context.Params?.Name);
                    message = $"Internal error in {context.Params?.Name}: {e.GetType().Name}: {e.Message}";
                }

                return ToolResults.Error(message);
            }
        };

    /// <summary>The catalog lists optional parameters without a null type; a null a client sends anyway means "omitted".</summary>
    private static void OmitNullArguments(IDictionary<string, System.Text.Json.JsonElement>? arguments)
    {
        if (arguments is null)
        {
            return;
        }

        foreach (var name in arguments.Where(a => a.Value.ValueKind == System.Text.Json.JsonValueKind.Null).Select(a => a.Key).ToList())
        {
            arguments.Remove(name);
        }
    }

    private static async Task<IReadOnlyList<string>> KnownNodesAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<ProxmoxClient>().GetNodesAsync(cancellationToken)).Select(n => n.Node).Order(StringComparer.Ordinal).ToList();

    [LoggerMessage(Level = LogLevel.Error, Message = "Tool {Tool} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string? tool);
}
