using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Clusters;

/// <summary>
/// The system certificate store is left out of a process only when no cluster's trust decision can use it: every
/// cluster reached over HTTPS pinned by fingerprint, or not verified. The system store and a CA file keep it.
/// </summary>
public sealed class SystemTrustStoreTests
{
    private const string Pin = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    [Fact]
    public void IsNeededBy_PinnedFingerprint_IsFalse() =>
        Assert.False(SystemTrustStore.IsNeededBy(Options(o => o.Fingerprint = Pin)));

    [Fact]
    public void IsNeededBy_VerificationOff_IsFalse() =>
        Assert.False(SystemTrustStore.IsNeededBy(Options(o => o.VerifySsl = false)));

    [Fact]
    public void IsNeededBy_SystemTrust_IsTrue() =>
        Assert.True(SystemTrustStore.IsNeededBy(Options(_ => { })));

    [Fact]
    public void IsNeededBy_CaFile_IsTrue() =>
        Assert.True(SystemTrustStore.IsNeededBy(Options(o => o.CaFile = "/etc/pve/pve-root-ca.pem")));

    [Fact]
    public void IsNeededBy_FingerprintThatIsNotOne_IsTrue() =>
        Assert.True(SystemTrustStore.IsNeededBy(Options(o => o.Fingerprint = "not-a-fingerprint")));

    [Fact]
    public void IsUnusedBy_AllClustersPinned_IsTrue() =>
        Assert.True(SystemTrustStore.IsUnusedBy([Cluster("a", o => o.Fingerprint = Pin), Cluster("b", o => o.VerifySsl = false)]));

    [Fact]
    public void IsUnusedBy_OneClusterOnSystemTrust_IsFalse() =>
        Assert.False(SystemTrustStore.IsUnusedBy([Cluster("a", o => o.Fingerprint = Pin), Cluster("b", _ => { })]));

    [Fact]
    public void IsUnusedBy_OnlySimulatedClusters_IsFalse() =>
        Assert.False(SystemTrustStore.IsUnusedBy([Cluster("a", _ => { }) with { Simulation = new SimulatorOptions() }]));

    [Fact]
    public void IsUnusedBy_SimulatedBesidePinned_IsTrue() =>
        Assert.True(SystemTrustStore.IsUnusedBy([Cluster("a", _ => { }) with { Simulation = new SimulatorOptions() }, Cluster("b", o => o.Fingerprint = Pin)]));

    private static ClusterSettings Cluster(string name, Action<ProxmoxOptions> configure) =>
        new() { Name = name, Proxmox = Options(configure) };

    private static ProxmoxOptions Options(Action<ProxmoxOptions> configure)
    {
        var options = new ProxmoxOptions { Host = "pve.example", TokenId = "root@pam!mcp", TokenSecret = "00000000-0000-0000-0000-000000000000" };
        configure(options);
        return options;
    }
}
