using System.Runtime.InteropServices;

namespace ProxmoxMcp.Bridge.Framing;

/// <summary>
/// Buffers for multi-megabyte lines. On Linux they are pinned and advised as transparent huge pages (THP in "madvise"
/// mode, the common default), so filling 10 MB costs a few page faults instead of about 2,500 (10-20 us each on a VM).
/// Elsewhere, and whenever the advice fails, they are plain arrays. Never zeroed: the reader writes before it reads.
/// </summary>
internal static class LargeBuffers
{
    private const int HugePageBytes = 2 * 1024 * 1024;
    private const int MadvHugePage = 14;

    public static byte[] Allocate(int length)
    {
        if (length < 2 * HugePageBytes || !OperatingSystem.IsLinux())
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        // Pinned: the advice is for an address range, which must stay this array's.
        var array = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        var start = (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var first = (start + HugePageBytes - 1) & ~(long)(HugePageBytes - 1);
        var last = (start + length) & ~(long)(HugePageBytes - 1);
        if (last > first)
        {
            try
            {
                _ = Madvise((nint)first, (nuint)(last - first), MadvHugePage);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc to ask: ordinary pages.
            }
        }

        return array;
    }

    // glibc's soname: always loaded already (the runtime uses it); elsewhere (musl) the lookup fails and the pages stay small.
    [DllImport("libc.so.6", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
