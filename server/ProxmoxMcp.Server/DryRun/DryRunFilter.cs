using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox.Recording;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.DryRun;

/// <summary>
/// <c>dry_run: true</c> on any write tool (the catalog adds the argument to each, see <see cref="Tools.CatalogSchema"/>):
/// the argument is taken off, the tool runs with its reads going to Proxmox and its first write withheld
/// (<see cref="PveRecorder"/>), and the withheld request becomes the result (<see cref="DryRunPreview"/>).
/// </summary>
public static class DryRunFilter
{
    public const string Argument = "dry_run";

    /// <summary>True when the arguments ask for a dry run.</summary>
    public static bool IsRequested(IDictionary<string, JsonElement>? arguments) =>
        arguments is not null && arguments.TryGetValue(Argument, out var value) && value.ValueKind == JsonValueKind.True;

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var arguments = context.Params?.Arguments;
            var requested = IsRequested(arguments);
            arguments?.Remove(Argument);
            if (!requested || context.MatchedPrimitive is not McpServerTool tool || tool.ProtocolTool.Annotations?.ReadOnlyHint == true)
            {
                return await next(context, cancellationToken);
            }

            using var recording = PveRecorder.Start(dryRun: true);
            var scope = DryRunScope.Enter();
            try
            {
                var result = await next(context, cancellationToken);
                if (result.IsError != true)
                {
                    result.Content.Add(new TextContentBlock { Text = "Dry run: this call sends no write request to Proxmox; the result above is what it would return." });
                }

                return result;
            }
            catch (WriteWithheldException withheld)
            {
                return ToolResults.Error(DryRunPreview.Text(tool, withheld.Write, recording.Recorder.Exchanges, scope.ConfirmTarget));
            }
            finally
            {
                DryRunScope.Leave();
            }
        };
}
