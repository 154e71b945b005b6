using System.Runtime.CompilerServices;
using System.Text;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// An API path below <c>/api2/json</c>, built from a route template whose holes accept only validated identifiers
/// (a plain string hole does not compile), each escaped as one path segment.
/// </summary>
public readonly record struct PvePath(string Value)
{
    public static PvePath Of([InterpolatedStringHandlerArgument] PathBuilder builder) => new(builder.Build());

    /// <summary>A path of validated segments (ApiPathSegment, VolumeId, ...), each escaped as one segment (the generic API tools build paths this way).</summary>
    public static PvePath FromSegments(IEnumerable<IPathSegment> segments) =>
        new(string.Concat(segments.Select(s => "/" + Uri.EscapeDataString(s.Segment))));

    public override string ToString() => Value;

    [InterpolatedStringHandler]
    public ref struct PathBuilder
    {
        private readonly StringBuilder text;

        public PathBuilder(int literalLength, int formattedCount)
        {
            text = new StringBuilder(literalLength + (formattedCount * 16));
        }

        public readonly void AppendLiteral(string value) => text.Append(value);

        public readonly void AppendFormatted(NodeName value) => AppendSegment(value);

        public readonly void AppendFormatted(VmId value) => AppendSegment(value);

        public readonly void AppendFormatted(StorageId value) => AppendSegment(value);

        public readonly void AppendFormatted(SnapshotName value) => AppendSegment(value);

        public readonly void AppendFormatted(VolumeId value) => AppendSegment(value);

        public readonly void AppendFormatted(Upid value) => AppendSegment(value);

        public readonly void AppendFormatted(GuestType value) => text.Append(value.ApiName());

        public readonly void AppendFormatted(GuestPowerAction value) => text.Append(value.ApiName());

        internal readonly string Build() => text.ToString();

        private readonly void AppendSegment(IPathSegment segment) => text.Append(Uri.EscapeDataString(segment.Segment));
    }
}
