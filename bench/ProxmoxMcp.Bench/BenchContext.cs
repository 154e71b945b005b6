namespace ProxmoxMcp.Bench;

/// <summary>What every benchmark gets: where the published binaries are and how hard to try.</summary>
internal sealed record BenchContext(string ServerBinary, string BridgeBinary, bool Quick);
