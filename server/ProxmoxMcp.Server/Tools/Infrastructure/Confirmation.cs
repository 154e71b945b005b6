using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Consent for destructive actions (PROXMOX_MCP_CONFIRM, <see cref="ConfirmationMode"/>). A client that can ask the
/// user is asked (MRTR under 2026-07-28, elicitation before), even if the model passed <c>confirm</c>: a model's word
/// does not stand in for the user's. A decline ends it. When the question goes unanswered (cancel, timeout, refused),
/// mode <c>client</c> still accepts only the user's answer in the client; mode <c>auto</c> tells the model to ask in the
/// conversation and then accepts <c>confirm</c>: for that action after a cancel, for the rest of the session after a
/// timeout or refusal (the client evidently cannot ask, and waiting again would only delay). A client that cannot
/// ask at all, and mode <c>argument</c>, use <c>confirm</c> repeating the target. Every refusal says what to do next.
/// </summary>
/// <remarks>
/// One per cluster: with several clusters the question names the cluster, and an answer, a cancelled question or a
/// requestState is bound to the cluster as well as the tool and target (vmid 100 exists on each cluster).
/// </remarks>
public sealed class Confirmation(ServerSettings settings, ClusterSettings cluster)
{
    private readonly ClientQuestion question = new(settings.ConfirmTimeout);
    // Per session (one per process on stdio, many over HTTP), keyed by the session's options: each session has its own
    // instance, while the McpServer a tool sees is a per-request wrapper. Actions whose question was cancelled, and
    // sessions whose client does not answer questions.
    private readonly ConditionalWeakTable<McpServerOptions, ConcurrentDictionary<string, byte>> cancelledActions = [];
    private readonly ConditionalWeakTable<McpServerOptions, object> clientCannotAsk = [];

    /// <param name="server">The session, to ask the user.</param>
    /// <param name="tool">The tool asking, named in the instructions.</param>
    /// <param name="consequence">What will happen, e.g. "This deletes VM 100 'web' on pve1 and its disks".</param>
    /// <param name="target">What confirm must repeat, e.g. "100".</param>
    /// <param name="confirm">The confirm argument as given.</param>
    public async Task RequireAsync(McpServer server, string tool, string consequence, string target, string? confirm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (settings.Clusters.Count > 1)
        {
            consequence = $"{consequence} (cluster {cluster.Name})";
        }

        if (DryRun.DryRunScope.Current is { } dryRun)
        {
            // A dry run changes nothing, so nobody is asked; the preview says what confirm a real run needs.
            dryRun.ConfirmTarget = target;
            return;
        }

        var confirmed = confirm is not null && string.Equals(confirm.Trim(), target, StringComparison.OrdinalIgnoreCase);
        if (confirm is not null && !confirmed)
        {
            throw new McpException($"confirm '{confirm}' does not match the target '{target}'. {consequence}. To proceed, call {tool} again with confirm=\"{target}\".");
        }

        var mode = settings.Confirmation;
        var canAsk = mode != ConfirmationMode.Argument && ClientQuestion.CanAsk(server) && !(mode == ConfirmationMode.Auto && clientCannotAsk.TryGetValue(server.ServerOptions, out _));
        if (!canAsk)
        {
            // Nobody to ask: the client cannot, or (a stateless Streamable HTTP request) the server cannot send it a request.
            if (confirmed)
            {
                return;
            }

            throw new McpException(
                $"Confirmation needed. {consequence}. Ask the user; if they agree, call {tool} again with the same arguments and confirm=\"{target}\".");
        }

        var action = cluster.Name + "\n" + tool + "\n" + target;
        if (mode == ConfirmationMode.Auto && confirmed && Cancelled(server).TryRemove(action, out _))
        {
            return;
        }

        var answer = await question.AskAsync(server, cluster.Name + "/" + tool, target, consequence, cancellationToken);
        switch (answer.Outcome)
        {
            case ConfirmationOutcome.Yes:
                return;
            case ConfirmationOutcome.Unavailable when confirmed:
                return;
            case ConfirmationOutcome.Unavailable:
                throw new McpException(
                    $"Confirmation needed. {consequence}. Ask the user; if they agree, call {tool} again with the same arguments and confirm=\"{target}\".");
            case ConfirmationOutcome.Declined:
                throw new McpException(
                    $"Not done: the user declined in the client. {consequence}. Do not retry unless the user asks for it again; calling {tool} " +
                    "again asks them again in the client. (If the user saw no question, their client declines such questions by itself; " +
                    "then only the server's operator can help, with PROXMOX_MCP_CONFIRM=argument.)");
            case var _ when mode == ConfirmationMode.Auto:
                if (answer.Outcome == ConfirmationOutcome.Cancelled)
                {
                    Cancelled(server)[action] = 0;
                }
                else
                {
                    clientCannotAsk.AddOrUpdate(server.ServerOptions, server.ServerOptions);
                }

                throw new McpException(
                    $"Not done: the client did not show the confirmation question ({answer.Detail}). {consequence}. Ask the user in the conversation " +
                    $"whether to go ahead; if they agree, call {tool} again with the same arguments and confirm=\"{target}\".");
            default:
                throw new McpException(
                    $"Not done: the user did not confirm in the client ({answer.Detail}). {consequence}. This server takes consent for destructive " +
                    "actions only from the user in the client (PROXMOX_MCP_CONFIRM=client), so confirm cannot stand in for it. Tell the user: calling " +
                    $"{tool} again shows the question again; if their client never shows it, the server's operator can set PROXMOX_MCP_CONFIRM=auto, " +
                    $"which accepts confirm=\"{target}\" after the user agrees in the conversation.");
        }
    }

    private ConcurrentDictionary<string, byte> Cancelled(McpServer server) =>
        cancelledActions.GetValue(server.ServerOptions, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
}
