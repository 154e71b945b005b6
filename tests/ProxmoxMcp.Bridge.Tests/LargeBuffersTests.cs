using System.Globalization;
using System.Runtime.InteropServices;
using ProxmoxMcp.Bridge.Framing;

namespace ProxmoxMcp.Bridge.Tests;

public sealed class LargeBuffersTests
{
    [Fact]
    public void Allocate_OnLinux_AdvisesAMultiMegabyteBufferAsHugePages()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/smaps"))
        {
            Assert.Skip("transparent huge pages are a Linux feature");
        }

        var buffer = LargeBuffers.Allocate(16 * 1024 * 1024);

        Assert.Equal(16 * 1024 * 1024, buffer.Length);
        var middle = (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, buffer.Length / 2);
        Assert.Contains("hg", VmFlagsAt(middle));
        GC.KeepAlive(buffer);
    }

    [Fact]
    public void Allocate_BelowFourMegabytes_LeavesThePagesAlone()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/smaps"))
        {
            Assert.Skip("transparent huge pages are a Linux feature");
        }

        // Just under the threshold: wherever such an array starts, a whole aligned 2 MiB page lies in it and covers its
        // middle, so advice given below the threshold would show there.
        const int length = (4 * 1024 * 1024) - 8;
        var buffer = LargeBuffers.Allocate(length);
        var pinned = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        try
        {
            Assert.Equal(length, buffer.Length);
            Assert.DoesNotContain("hg", VmFlagsAt((ulong)pinned.AddrOfPinnedObject() + (ulong)buffer.Length / 2));
        }
        finally
        {
            pinned.Free();
        }
    }

    /// <summary>The VmFlags of the mapping that holds the address, from /proc/self/smaps.</summary>
    private static string[] VmFlagsAt(ulong address)
    {
        var inRange = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var to))
            {
                inRange = address >= from && address < to;
            }
            else if (inRange && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        throw new InvalidOperationException($"no mapping holds 0x{address:x}");
    }
}
