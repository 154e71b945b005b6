using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>What asking the user in the client gave.</summary>
internal enum ConfirmationOutcome
{
    /// <summary>The user accepted with "Proceed" ticked.</summary>
    Yes,

    /// <summary>The user said no (decline, or accept without "Proceed").</summary>
    Declined,

    /// <summary>The question was closed without a choice; some clients do that on their own.</summary>
    Cancelled,

    /// <summary>No answer: the client refused the question, did not answer in time, or came back without one.</summary>
    NoAnswer,

    /// <summary>This request cannot carry a question (a 2025-xx client on stateless Streamable HTTP): as a client that cannot ask.</summary>
    Unavailable,
}

/// <param name="Outcome">What happened.</param>
/// <param name="Detail">Why there was no yes, for the message ("cancel", "no answer in 60 s", ...).</param>
internal readonly record struct ConfirmationAnswer(ConfirmationOutcome Outcome, string Detail)
{
    /// <summary>The name of the one field of the question, also the key of the MRTR input request.</summary>
    public const string Field = "confirm";

    public static ConfirmationAnswer NoAnswer(string detail) => new(ConfirmationOutcome.NoAnswer, detail);

    public static ConfirmationAnswer From(ElicitResult? result) => result?.Action switch
    {
        "accept" when result.Content?.TryGetValue(Field, out var value) == true && value.ValueKind == JsonValueKind.True => new(ConfirmationOutcome.Yes, "accept"),
        "accept" or "decline" => new(ConfirmationOutcome.Declined, result.Action),
        "cancel" => new(ConfirmationOutcome.Cancelled, "cancel"),
        null => NoAnswer("the client sent an empty answer"),
        var other => NoAnswer($"the client answered '{other}'"),
    };

    /// <summary>The question the client shows: one "Proceed" box, described by the consequence.</summary>
    public static ElicitRequestParams Question(string consequence) => new()
    {
        Message = $"{consequence}. Proceed?",
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = { [Field] = new ElicitRequestParams.BooleanSchema { Title = "Proceed", Description = consequence } },
            Required = [Field],
        },
    };
}
