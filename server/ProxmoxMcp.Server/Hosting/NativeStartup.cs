using System.Runtime.InteropServices;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// The native part of start-up, linked into the Linux Native AOT binary only (Hosting/Native/prefault.c): socat
/// starts one process per connection, so every page each one keeps resident counts.
/// </summary>
internal static partial class NativeStartup
{
    /// <summary>Set (a runtime knob) only by the Linux Native AOT compilation that links prefault.c in (ProxmoxMcp.Server.csproj).</summary>
    private const string LinkedSwitch = "ProxmoxMcp.Server.NativeStartupLinked";

    /// <summary>
    /// Gives back the pages of Native AOT's compressed type data (about 4 MiB), read once before Main. Does nothing under
    /// the JIT (tests; PublishAot makes even those report no dynamic code, hence the switch) or where the C code is not linked in.
    /// </summary>
    public static void ReleaseStartupPages()
    {
        if (AppContext.TryGetSwitch(LinkedSwitch, out var linked) && linked)
        {
            ReleaseDehydratedData();
        }
    }

    [LibraryImport("proxmox-mcp-native", EntryPoint = "proxmox_mcp_release_dehydrated_data")]
    private static partial void ReleaseDehydratedData();
}
