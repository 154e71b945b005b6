namespace ProxmoxMcp.Proxmox;

/// <summary>A validated value that may appear as one segment of a PVE API path.</summary>
public interface IPathSegment
{
    /// <summary>The raw (unescaped) segment text.</summary>
    string Segment { get; }
}
