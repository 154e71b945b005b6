using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>A client message waiting to go to the server.</summary>
/// <param name="Message">The message.</param>
/// <param name="EnqueuedAt">Stopwatch timestamp when it was queued (for the queue deadline).</param>
/// <param name="ForLink">For the client's reply to a server request: the link whose server asked.</param>
/// <param name="Attempt">0, or 1 when a request is sent again after its first link was lost (the client's initialize, a read-only tools/call).</param>
internal sealed record QueuedMessage(JsonRpcMessage Message, long EnqueuedAt, int? ForLink = null, int Attempt = 0);
