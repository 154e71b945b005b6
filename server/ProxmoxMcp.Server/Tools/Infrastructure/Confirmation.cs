using System.Runtime.CompilerServices;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Consent for destructive actions. When the client can ask the user (MCP elicitation), the user is asked, even if
/// the model passed <c>confirm</c>: a model's word does not stand in for the user's (with --confirm argument it does).
/// A decline ends it. A cancel, an unanswered question (--confirm-timeout) or a client that cannot ask means the
/// client does not show such questions (some auto-cancel them): from then on in this session, <c>confirm</c>
/// repeating the target, given after the user agreed in the conversation, is consent, and the error says so.
/// </summary>
public sealed class Confirmation(ServerSettings settings)
{
    /// <summary>
    /// Sessions whose client has shown it does not ask (one per process on stdio, many over HTTP), keyed by the
    /// session's options: each session has its own instance, while the McpServer a tool receives is a per-request wrapper.
    /// </summary>
    private readonly ConditionalWeakTable<McpServerOptions, object> clientCannotAsk = [];

    /// <param name="server">The session, to ask the user through elicitation.</param>
    /// <param name="tool">The tool asking, named in the instructions.</param>
    /// <param name="consequence">What will happen, e.g. "This deletes VM 100 'web' on pve1 and its disks".</param>
    /// <param name="target">What confirm must repeat, e.g. "100".</param>
    /// <param name="confirm">The confirm argument as given.</param>
    public async Task RequireAsync(McpServer server, string tool, string consequence, string target, string? confirm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var confirmed = confirm is not null && string.Equals(confirm.Trim(), target, StringComparison.OrdinalIgnoreCase);
        if (confirm is not null && !confirmed)
        {
            throw new McpException($"confirm '{confirm}' does not match the target '{target}'. {consequence}. To proceed, call {tool} again with confirm=\"{target}\".");
        }

        var canAsk = settings.Confirmation == ConfirmationMode.Auto && server.ClientCapabilities?.Elicitation is not null
            && !clientCannotAsk.TryGetValue(server.ServerOptions, out _);
        var answer = canAsk ? await AskAsync(server, consequence, cancellationToken) : null;
        if (answer is null)
        {
            // Nobody to ask: the client cannot, or (a stateless Streamable HTTP request) the server cannot send it a request.
            if (confirmed)
            {
                return;
            }

            throw new McpException(
                $"Confirmation needed. {consequence}. Ask the user; if they agree, call {tool} again with the same arguments and confirm=\"{target}\".");
        }

        switch (answer)
        {
            case "yes":
                return;
            case "no":
                throw new McpException($"Not done: the user declined in the client. {consequence}. Do not retry unless the user asks for it again.");
            default:
                clientCannotAsk.AddOrUpdate(server.ServerOptions, server.ServerOptions);
                throw new McpException(
                    $"Not done: the client did not show the confirmation question ({answer}). {consequence}. Ask the user in the conversation " +
                    $"whether to go ahead; if they agree, call {tool} again with the same arguments and confirm=\"{target}\".");
        }
    }

    /// <returns>"yes", "no", why there was no answer ("cancel", "no answer in 60 s", ...), or null when this request cannot ask at all.</returns>
    private async Task<string?> AskAsync(McpServer server, string consequence, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ElicitResult> question;
        try
        {
            question = server.ElicitAsync(
            new ElicitRequestParams
            {
                Message = $"{consequence}. Proceed?",
                RequestedSchema = new ElicitRequestParams.RequestSchema
                {
                    Properties = { ["confirm"] = new ElicitRequestParams.BooleanSchema { Title = "Proceed", Description = consequence } },
                    Required = ["confirm"],
                },
            },
            timeout.Token).AsTask();
        }
        catch (InvalidOperationException)
        {
            // The SDK refuses to send requests on a stateless Streamable HTTP request (MCP 2026-07-28 clients).
            return null;
        }

        // The SDK waits for the client's answer even when the token is cancelled, so the timeout is enforced here.
        var finished = await Task.WhenAny(question, Task.Delay(settings.ConfirmTimeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        if (finished != question)
        {
            await timeout.CancelAsync();
            _ = question.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return $"no answer in {settings.ConfirmTimeout.TotalSeconds:0} s";
        }

        ElicitResult answer;
        try
        {
            answer = await question;
        }
        catch (McpException e)
        {
            // A client that declared elicitation but refused the request (or a protocol revision without it).
            return "the client refused the question: " + e.Message;
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return answer.Action switch
        {
            "accept" when answer.Content?.TryGetValue("confirm", out var value) == true && value.ValueKind == JsonValueKind.True => "yes",
            "accept" or "decline" => "no",
            var other => other ?? "cancel",
        };
    }
}
