using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Asks the user in the client, in the way the negotiated protocol allows. Under MCP 2026-07-28 the server sends no
/// requests (on stdio it must not write one to stdout): the tool call ends with an input-required result (MRTR) and
/// the client calls again with the answer, which is read from that retry. Under 2025-xx the server sends
/// elicitation/create and waits at most the confirmation timeout (some clients never answer).
/// </summary>
internal sealed class ClientQuestion(TimeSpan timeout)
{
    /// <summary>The first protocol revision with MRTR instead of server-to-client requests.</summary>
    public const string MrtrRevision = "2026-07-28";

    // Binds an answer to the question it answers: a retry's requestState must be one this process issued for this
    // tool and target, so an answer cannot be carried over to another action.
    private readonly byte[] stateKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>Whether the client of this request can show a question with a form (elicitation, or MRTR elicitation).</summary>
    public static bool CanAsk(McpServer server) =>
        server.ClientCapabilities?.Elicitation is { } elicitation && (elicitation.Form is not null || elicitation.Url is null);

    public static bool UsesMrtr(McpServer server) => string.CompareOrdinal(server.NegotiatedProtocolVersion, MrtrRevision) >= 0;

    /// <summary>The user's answer; under MRTR the first call throws <see cref="InputRequiredException"/> (the question) instead.</summary>
    public async Task<ConfirmationAnswer> AskAsync(McpServer server, string tool, string target, string consequence, CancellationToken cancellationToken) =>
        UsesMrtr(server) ? FromRetry(tool, target, consequence) : await ElicitAsync(server, consequence, cancellationToken);

    private ConfirmationAnswer FromRetry(string tool, string target, string consequence)
    {
        var call = CurrentToolCall.Params;
        if (call?.RequestState is { } state && IsOurs(state, tool, target))
        {
            if (call.InputResponses?.TryGetValue(ConfirmationAnswer.Field, out var response) != true)
            {
                return ConfirmationAnswer.NoAnswer("the client called again without an answer");
            }

            try
            {
                return ConfirmationAnswer.From(response!.Deserialize(InputResponse.ElicitResultJsonTypeInfo));
            }
            catch (JsonException)
            {
                return ConfirmationAnswer.NoAnswer("the client's answer is not an elicitation result");
            }
        }

        throw new InputRequiredException(
            new Dictionary<string, InputRequest> { [ConfirmationAnswer.Field] = InputRequest.ForElicitation(ConfirmationAnswer.Question(consequence)) },
            Issue(tool, target));
    }

    private async Task<ConfirmationAnswer> ElicitAsync(McpServer server, string consequence, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ElicitResult> question;
        try
        {
            question = server.ElicitAsync(ConfirmationAnswer.Question(consequence), abandon.Token).AsTask();
        }
        catch (InvalidOperationException)
        {
            // The SDK sends no server-to-client request on a stateless Streamable HTTP request.
            return new ConfirmationAnswer(ConfirmationOutcome.Unavailable, "this connection cannot carry the question");
        }

        // The SDK waits for the client's answer even when the token is cancelled, so the timeout is enforced here.
        var finished = await Task.WhenAny(question, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        if (finished != question)
        {
            await abandon.CancelAsync();
            _ = question.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return ConfirmationAnswer.NoAnswer($"no answer in {timeout.TotalSeconds:0} s");
        }

        try
        {
            return ConfirmationAnswer.From(await question);
        }
        catch (McpException e)
        {
            // A client that declared elicitation but refused the request.
            return ConfirmationAnswer.NoAnswer("the client refused the question: " + e.Message);
        }
        catch (InvalidOperationException)
        {
            return new ConfirmationAnswer(ConfirmationOutcome.Unavailable, "this connection cannot carry the question");
        }
    }

    private string Issue(string tool, string target)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return $"confirm.{nonce}.{Sign(nonce, tool, target)}";
    }

    private bool IsOurs(string state, string tool, string target)
    {
        var parts = state.Split('.');
        return parts is ["confirm", var nonce, var signature] &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(nonce, tool, target)));
    }

    private string Sign(string nonce, string tool, string target) =>
        Convert.ToHexString(HMACSHA256.HashData(stateKey, Encoding.UTF8.GetBytes($"{nonce}\n{tool}\n{target}")));
}
