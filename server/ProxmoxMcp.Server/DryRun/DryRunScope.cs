namespace ProxmoxMcp.Server.DryRun;

/// <summary>
/// The dry run the current tool call is in, if any (ambient for the call, like <see cref="Proxmox.Recording.PveRecorder"/>).
/// Confirmation asks nobody in a dry run (nothing will happen); it notes here what confirm would have to repeat.
/// </summary>
public sealed class DryRunScope
{
    private static readonly AsyncLocal<DryRunScope?> Ambient = new();

    private DryRunScope()
    {
    }

    public static DryRunScope? Current => Ambient.Value;

    /// <summary>What a real run's confirm must repeat, when the tool asked for consent.</summary>
    public string? ConfirmTarget { get; set; }

    internal static DryRunScope Enter()
    {
        var scope = new DryRunScope();
        Ambient.Value = scope;
        return scope;
    }

    internal static void Leave() => Ambient.Value = null;
}
