using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Consent for destructive actions. A <c>confirm</c> argument that repeats the target (the vmid, snapshot name or
/// pool id) is consent; without it the user is asked through MCP elicitation when the client supports that, and
/// otherwise the tool refuses and explains how to confirm.
/// </summary>
public sealed class Confirmation(ServerSettings settings)
{
    /// <param name="server">The session, to ask the user through elicitation.</param>
    /// <param name="tool">The tool asking, named in the instructions.</param>
    /// <param name="consequence">What will happen, e.g. "This deletes VM 100 'web' on pve1 and its disks".</param>
    /// <param name="target">What confirm must repeat, e.g. "100".</param>
    /// <param name="confirm">The confirm argument as given.</param>
    public async Task RequireAsync(McpServer server, string tool, string consequence, string target, string? confirm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (confirm is not null)
        {
            if (string.Equals(confirm.Trim(), target, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            throw new McpException($"confirm '{confirm}' does not match the target '{target}'. {consequence}. To proceed, call {tool} again with confirm=\"{target}\".");
        }

        if (settings.Confirmation == ConfirmationMode.Auto && server.ClientCapabilities?.Elicitation is not null)
        {
            var answer = await server.ElicitAsync(
                new ElicitRequestParams
                {
                    Message = $"{consequence}. Proceed?",
                    RequestedSchema = new ElicitRequestParams.RequestSchema
                    {
                        Properties = { ["confirm"] = new ElicitRequestParams.BooleanSchema { Title = "Proceed", Description = consequence } },
                        Required = ["confirm"],
                    },
                },
                cancellationToken);
            if (answer.IsAccepted && answer.Content?.TryGetValue("confirm", out var value) == true && value.ValueKind == System.Text.Json.JsonValueKind.True)
            {
                return;
            }

            throw new McpException($"Not done: the user did not confirm ({answer.Action}). {consequence}.");
        }

        throw new McpException(
            $"Confirmation needed. {consequence}. Ask the user; if they agree, call {tool} again with the same arguments and confirm=\"{target}\".");
    }
}
