using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Protection;

/// <summary>
/// The guarantee of PROXMOX_MCP_PROTECT and PROXMOX_MCP_ALLOW, by brute force: every write tool, many argument
/// combinations (call_api_write with every destructive path form), confirm always given: nothing destructive for a
/// protected guest, and nothing at all for a guest outside the allow-list, reaches the simulator.
/// </summary>
public sealed class ProtectedGuestFuzzTests
{
    private const int Combinations = 5;
    private static readonly int[] Guests = [100, 106, 200, 204];
    private static readonly int[] Outside = [100, 200];

    public static TheoryData<string, int[]> ProtectRules => new()
    {
        { "100,106,200,204", [100, 106, 200, 204] },
        { "100-106,200-204", [100, 106, 200, 204] },
        { "tag:web,tag:docs", [100, 204] },
        { "pool:lab,pool:production", [106, 200] },
    };

    [Theory]
    [MemberData(nameof(ProtectRules))]
    public async Task EveryWriteTool_AnyArguments_SendsNoDestructiveRequestForAProtectedGuest(string rule, int[] vmids)
    {
        await using var server = await StartAsync(protect: rule);
        var targets = vmids.Select(v => FuzzTarget.Of(server.Cluster, v)).ToList();

        var texts = await WriteFuzz.RunAsync(server, targets, Combinations, seed: rule.GetHashCode(StringComparison.Ordinal) ^ 12);

        var reached = server.Cluster.Requests.Entries.Where(e => targets.Any(t => WriteFuzz.IsDestructiveFor(e, t))).Select(e => e.ToString()).ToList();
        Assert.True(reached.Count == 0, $"destructive requests reached the simulator: {string.Join("; ", reached.Distinct())}");
        Assert.Contains(texts, t => t.Contains($"is protected by {SettingNames.Protect} (", StringComparison.Ordinal));
        // What a protected guest still allows did go through: the guard is not simply refusing everything.
        Assert.Contains(server.Cluster.Requests.Entries, e => targets.Any(t => WriteFuzz.IsAnyWriteFor(e, t)) && e.Status == 200);
        Assert.All(vmids, v => Assert.True(server.HasGuest(v), $"guest {v} is gone"));
    }

    [Fact]
    public async Task TheSameFuzz_WithoutProtection_DoesReachTheGuestsDestructively()
    {
        await using var server = await StartAsync();
        var targets = Guests.Select(v => FuzzTarget.Of(server.Cluster, v)).ToList();

        await WriteFuzz.RunAsync(server, targets, Combinations, seed: 7);

        Assert.All(targets, t => Assert.Contains(server.Cluster.Requests.Entries, e => WriteFuzz.IsDestructiveFor(e, t)));
    }

    [Fact]
    public async Task EveryWriteTool_AnyArguments_SendsNothingForAGuestOutsideTheAllowList()
    {
        await using var server = await StartAsync(allow: "106,tag:docs");
        var targets = Outside.Select(v => FuzzTarget.Of(server.Cluster, v)).ToList();

        var texts = await WriteFuzz.RunAsync(server, targets, Combinations, seed: 3);

        var reached = server.Cluster.Requests.Entries.Where(e => targets.Any(t => WriteFuzz.IsAnyWriteFor(e, t))).Select(e => e.ToString()).ToList();
        Assert.True(reached.Count == 0, $"writes for guests outside {SettingNames.Allow} reached the simulator: {string.Join("; ", reached.Distinct())}");
        Assert.Contains(texts, t => t.Contains($"is not among the guests this server may change ({SettingNames.Allow}=106,tag:docs)", StringComparison.Ordinal));
    }

    private static Task<SimulatedServer> StartAsync(string? protect = null, string? allow = null) =>
        SimulatedServer.StartAsync(
            s =>
            {
                s.Proxmox.Protect = GuestRules.Parse(protect, SettingNames.Protect);
                s.Proxmox.Allow = GuestRules.Parse(allow, SettingNames.Allow);
                return s with { Confirmation = ConfirmationMode.Argument, GuestExec = GuestExecMode.AllowList, GuestExecAllow = ["uptime"] };
            },
            new SimulatorOptions { TaskDuration = TimeSpan.FromMilliseconds(20) });
}
