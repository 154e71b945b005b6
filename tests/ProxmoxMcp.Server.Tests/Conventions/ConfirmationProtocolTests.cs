using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// delete_vm (VM 106, stopped) with a client of each protocol generation, able to ask the user or not: MCP 2026-07-28
/// (MRTR: the server answers input_required and the client calls again with the answer; it never sends the client a
/// request) and 2025-06-18 (elicitation/create, answered within PROXMOX_MCP_CONFIRM_TIMEOUT). The simulator's request
/// log proves what was, and was not, deleted.
/// </summary>
public class ConfirmationProtocolTests
{
    public const string Mrtr = "2026-07-28";
    public const string Legacy = "2025-06-18";
    private const string DeletePath = "/nodes/pve1/qemu/106";

    [Fact]
    public async Task DeleteVm_With2026ClientThatCanAsk_AsksThroughMrtrWithoutRequestsAndDeletesOnYes()
    {
        var user = new User("accept", true);
        await using var server = await StartAsync(Mrtr, user);

        (await server.CallAsync("delete_vm", new { vmid = 106 })).AssertSuccess();

        var question = Assert.Single(user.Questions);
        Assert.Contains("This permanently deletes VM 106", question.Message, StringComparison.Ordinal);
        var inputRequired = Assert.Single(server.Wire.InputRequiredResults).Message;
        Assert.NotNull(inputRequired["result"]?["inputRequests"]?["confirm"]);
        Assert.Empty(server.Wire.ServerRequests);
        Assert.False(server.HasGuest(106));
        server.Change("DELETE", DeletePath);
    }

    [Fact]
    public async Task DeleteVm_With2025ClientThatCanAsk_AsksThroughElicitationAndDeletesOnYes()
    {
        var user = new User("accept", true);
        await using var server = await StartAsync(Legacy, user);

        (await server.CallAsync("delete_vm", new { vmid = 106 })).AssertSuccess();

        Assert.Single(user.Questions);
        Assert.Equal("elicitation/create", Assert.Single(server.Wire.ServerRequests)["method"]?.GetValue<string>());
        Assert.Empty(server.Wire.InputRequiredResults);
        server.Change("DELETE", DeletePath);
    }

    [Theory]
    [InlineData(Mrtr, ConfirmationMode.Client)]
    [InlineData(Legacy, ConfirmationMode.Client)]
    [InlineData(Mrtr, ConfirmationMode.Auto)]
    [InlineData(Legacy, ConfirmationMode.Auto)]
    public async Task DeleteVm_WithModelSuppliedConfirm_AsksTheUserAndDeletesNothingWhenTheyDecline(string protocol, ConfirmationMode mode)
    {
        var user = new User("decline", false);
        await using var server = await StartAsync(protocol, user, mode);

        var result = await server.CallAsync("delete_vm", new { vmid = 106, confirm = "106" });

        result.AssertError("Not done: the user declined in the client").AssertError("Do not retry unless the user asks for it again");
        Assert.Single(user.Questions);
        AssertNothingDeleted(server);
    }

    [Theory]
    [InlineData(Mrtr, "cancel")]
    [InlineData(Legacy, "cancel")]
    [InlineData(Legacy, "timeout")]
    public async Task DeleteVm_WhenTheQuestionGoesUnanswered_InClientMode_NeverDeletesOnConfirmAndSaysWhatTheUserCanDo(string protocol, string answer)
    {
        var user = new User(answer, false);
        await using var server = await StartAsync(protocol, user);

        var first = await server.CallAsync("delete_vm", new { vmid = 106 });
        var second = await server.CallAsync("delete_vm", new { vmid = 106, confirm = "106" });

        foreach (var result in new[] { first, second })
        {
            result.AssertError("Not done: the user did not confirm in the client")
                .AssertError("confirm cannot stand in for it")
                .AssertError("calling delete_vm again shows the question again; if their client never shows it, the server's operator can set PROXMOX_MCP_CONFIRM=auto");
        }

        Assert.Equal(2, user.Questions.Count);
        AssertNothingDeleted(server);
    }

    [Theory]
    [InlineData(Mrtr, "cancel", "cancel")]
    [InlineData(Legacy, "cancel", "cancel")]
    [InlineData(Legacy, "timeout", "no answer in 1 s")]
    public async Task DeleteVm_WhenTheQuestionGoesUnanswered_InAutoMode_TellsTheModelToAskAndThenAcceptsConfirm(string protocol, string answer, string why)
    {
        var user = new User(answer, false);
        await using var server = await StartAsync(protocol, user, ConfirmationMode.Auto);

        var refused = await server.CallAsync("delete_vm", new { vmid = 106 });

        refused.AssertError($"Not done: the client did not show the confirmation question ({why})")
            .AssertError("Ask the user in the conversation whether to go ahead; if they agree, call delete_vm again with the same arguments and confirm=\"106\"");
        AssertNothingDeleted(server);

        (await server.CallAsync("delete_vm", new { vmid = 106, confirm = "106" })).AssertSuccess();

        Assert.Single(user.Questions);
        server.Change("DELETE", DeletePath);
    }

    [Theory]
    [InlineData(Mrtr, ConfirmationMode.Client)]
    [InlineData(Legacy, ConfirmationMode.Client)]
    [InlineData(Mrtr, ConfirmationMode.Auto)]
    [InlineData(Legacy, ConfirmationMode.Auto)]
    public async Task DeleteVm_WithClientThatCannotAsk_NeedsConfirmAndDeletesWithIt(string protocol, ConfirmationMode mode)
    {
        await using var server = await StartAsync(protocol, user: null, mode);

        var refused = await server.CallAsync("delete_vm", new { vmid = 106 });

        refused.AssertError("Confirmation needed. This permanently deletes VM 106")
            .AssertError("Ask the user; if they agree, call delete_vm again with the same arguments and confirm=\"106\".");
        AssertNothingDeleted(server);

        (await server.CallAsync("delete_vm", new { vmid = 106, confirm = "106" })).AssertSuccess();

        Assert.Empty(server.Wire.ServerRequests);
        Assert.Empty(server.Wire.InputRequiredResults);
        server.Change("DELETE", DeletePath);
    }

    [Fact]
    public async Task DeleteVm_With2026ClientThatNeverAnswers_GetsTheQuestionAtOnceAndNothingIsDeleted()
    {
        // Under MRTR the server holds nothing open: its reply (the question) is out at once, well within the timeout,
        // and without an answer there is no retry and no deletion.
        var user = new User("hang", false);
        await using var server = await StartAsync(Mrtr, user);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        giveUp.CancelAfter(TimeSpan.FromSeconds(3));
        var started = DateTimeOffset.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await server.Client.CallToolAsync("delete_vm", new Dictionary<string, object?> { ["vmid"] = 106 }, cancellationToken: giveUp.Token));

        var question = Assert.Single(server.Wire.InputRequiredResults);
        Assert.InRange(question.At - started, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Single(user.Questions);
        Assert.Empty(server.Wire.ServerRequests);
        AssertNothingDeleted(server);
    }

    [Fact]
    public async Task AnswerToOneQuestion_IsNotTakenForAnotherAction()
    {
        // A client that sends the answer it got for VM 106 with a call about another VM (the template 9000): the server asks afresh.
        var user = new User("accept", true);
        await using var server = await StartAsync(Mrtr, user);
        (await server.CallAsync("delete_vm", new { vmid = 106 })).AssertSuccess();
        var state = Assert.Single(server.Wire.InputRequiredResults).Message["result"]!["requestState"]!.GetValue<string>();

        var forged = new CallToolRequestParams
        {
            Name = "delete_vm",
            Arguments = new Dictionary<string, JsonElement> { ["vmid"] = JsonSerializer.SerializeToElement(9000) },
            RequestState = state,
            InputResponses = new Dictionary<string, InputResponse>
            {
                ["confirm"] = InputResponse.FromElicitResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } }),
            },
        };
        user.Answer = "decline";
        var result = await server.Client.CallToolAsync(forged, TestContext.Current.CancellationToken);

        result.AssertError("the user declined in the client");
        Assert.Equal(2, user.Questions.Count);
        Assert.True(server.HasGuest(9000));
    }

    private static void AssertNothingDeleted(SimulatedServer server)
    {
        Assert.True(server.HasGuest(106));
        Assert.DoesNotContain(server.Changes(), e => e.Method == "DELETE");
    }

    private static Task<SimulatedServer> StartAsync(string protocol, User? user, ConfirmationMode mode = ConfirmationMode.Client) =>
        SimulatedServer.StartAsync(
            s => s with { Confirmation = mode, ConfirmTimeout = TimeSpan.FromSeconds(1) },
            clientOptions: new McpClientOptions
            {
                ProtocolVersion = protocol,
                Capabilities = user is null ? null : new ClientCapabilities { Elicitation = new ElicitationCapability() },
                Handlers = user is null ? new McpClientHandlers() : new McpClientHandlers { ElicitationHandler = user.AnswerAsync },
            });

    /// <summary>The person behind the client: answers every question the same way ("timeout": after 3 s; "hang": never).</summary>
    private sealed class User(string answer, bool proceed)
    {
        private readonly List<ElicitRequestParams> questions = [];

        public string Answer { get; set; } = answer;

        public IReadOnlyList<ElicitRequestParams> Questions
        {
            get
            {
                lock (questions)
                {
                    return [.. questions];
                }
            }
        }

        public async ValueTask<ElicitResult> AnswerAsync(ElicitRequestParams? question, CancellationToken cancellationToken)
        {
            lock (questions)
            {
                questions.Add(question!);
            }

            switch (Answer)
            {
                case "hang":
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                case "timeout":
                    // Answers only after the server's 1 s timeout: the outcome shows which came first.
                    await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                    return new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } };
            }

            return new ElicitResult
            {
                Action = Answer,
                Content = Answer == "accept" ? new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(proceed) } : null,
            };
        }
    }
}
