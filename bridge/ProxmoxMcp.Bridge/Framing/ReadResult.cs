using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Framing;

internal enum ReadOutcome
{
    /// <summary>A complete line: <see cref="ReadResult.Line"/> holds it without its line ending.</summary>
    Line,

    /// <summary>A line longer than the limit was skipped; <see cref="ReadResult.Overlong"/> says what it was.</summary>
    Overlong,

    /// <summary>The stream ended.</summary>
    EndOfStream,
}

internal readonly record struct ReadResult(ReadOutcome Outcome, ReadOnlyMemory<byte> Line = default, OverlongLine? Overlong = null);

/// <summary>What could be learnt about a skipped over-long line without holding it.</summary>
/// <param name="Length">Bytes skipped.</param>
/// <param name="Id">The top-level "id", if one was seen.</param>
/// <param name="Method">The top-level "method", if one was seen.</param>
internal sealed record OverlongLine(long Length, JsonRpcId? Id, string? Method)
{
    public bool IsRequest => Id is not null && Method is not null;

    public bool IsResponse => Id is not null && Method is null;
}
