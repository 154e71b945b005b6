namespace ProxmoxMcp.Server.Hosting.Protocol;

/// <summary>What to do with one incoming line: pass it to the SDK, or answer it here with a JSON-RPC error.</summary>
/// <param name="Forward">True to hand the line to the SDK.</param>
/// <param name="RequestId">The request's id as raw JSON (e.g. <c>7</c> or <c>"a"</c>), when the line is a request.</param>
/// <param name="CancelledId">For notifications/cancelled: the id of the request that will get no reply.</param>
/// <param name="ErrorCode">The JSON-RPC error to answer with when not forwarded.</param>
/// <param name="ErrorMessage">Its message.</param>
public sealed record LineVerdict(bool Forward, string? RequestId, string? CancelledId, int ErrorCode = 0, string? ErrorMessage = null)
{
    /// <summary>A malformed notification: nobody waits for an answer, so it is dropped (and logged).</summary>
    public static LineVerdict Drop { get; } = new(false, null, null);

    public static LineVerdict Reject(string? id, int code, string message) => new(false, id, null, code, message);
}
