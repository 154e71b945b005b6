namespace ProxmoxMcp.Server.Configuration;

/// <summary>
/// How destructive tools get the user's consent (PROXMOX_MCP_CONFIRM), i.e. when the model's <c>confirm</c> argument
/// may stand in for the user. Whatever the mode, a client that cannot ask the user at all (it declares no
/// elicitation) is given the argument path: it has no other.
/// </summary>
public enum ConfirmationMode
{
    /// <summary>
    /// A client that can ask the user (elicitation, or MRTR under 2026-07-28) is always asked, and only the user's
    /// answer there counts: <c>confirm</c> never stands in for it, not even after a cancel or timeout.
    /// </summary>
    Client,

    /// <summary>
    /// Like <see cref="Client"/>, but when the client's question goes unanswered (cancelled, no answer within the
    /// timeout, refused) the model is told to ask in the conversation and <c>confirm</c> is then accepted.
    /// </summary>
    Auto,

    /// <summary>The <c>confirm</c> argument repeating the target suffices; the client is never asked.</summary>
    Argument,
}
