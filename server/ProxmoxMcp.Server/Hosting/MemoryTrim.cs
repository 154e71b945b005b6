using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// Gives memory back after tool calls that allocated a lot, such as a listing of thousands of guests. socat starts
/// one server process per client, and the process spends most of its life waiting for the model; a background
/// collection does not compact, so the garbage of large listings (lists of thousands of records promoted while the
/// call was running) otherwise piles up in gen2 and the resident set climbs with every listing. A full, compacting
/// collection of a live heap of a few MiB takes a few milliseconds, paid only after calls that allocated
/// <see cref="Threshold"/> or more since the last one (bench/run.sh scale measures the effect).
/// </summary>
public static class MemoryTrim
{
    /// <summary>Allocated bytes since the last trim that make the next one worth its milliseconds (one 5,000-guest listing allocates about 8 MiB).</summary>
    public const long Threshold = 8 * 1024 * 1024;

    private static long allocatedAtLastTrim;

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            finally
            {
                TrimIfWorthIt();
            }
        };

    /// <summary>Collects and decommits when enough has been allocated since the last time; true when it did.</summary>
    public static bool TrimIfWorthIt()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var last = Interlocked.Read(ref allocatedAtLastTrim);
        if (allocated - last < Threshold || Interlocked.CompareExchange(ref allocatedAtLastTrim, allocated, last) != last)
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return true;
    }
}
