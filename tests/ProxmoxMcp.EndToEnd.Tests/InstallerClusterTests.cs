using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>install.sh --add-cluster on a staged install: the clusters file entry, the 0600 secret file, idempotence, updates and refusals.</summary>
public sealed class InstallerClusterTests
{
    private const string ClustersFile = "/etc/proxmox-mcp/clusters.json";
    private const string LabSecret = "/etc/proxmox-mcp/clusters/lab.secret";

    private static StagedInstall Existing()
    {
        var install = StagedInstall.CreateEmpty();
        Directory.CreateDirectory(install.PathOf("/etc/proxmox-mcp"));
        File.WriteAllText(install.PathOf(StagedInstall.EnvTarget), "PROXMOX_HOST=pve1.example.com\n");
        return install;
    }

    // --binary /bin/true: adding a cluster installs no binary, so no publish is needed.
    private static Task<ProcessResult> AddAsync(StagedInstall install, string? secret, params string[] options) =>
        install.InstallAsync(["--binary", "/bin/true", .. options], secret is null ? "" : secret + "\n");

    [Fact]
    public async Task AddCluster_WritesTheEntryAndA0600SecretFile_AndAgainChangesNothing()
    {
        using var install = Existing();
        string[] lab = ["--add-cluster", "lab", "--host", "10.0.1.11,10.0.1.12", "--token-id", "mcp@pve!mcp", "--token-secret-stdin"];

        var first = await AddAsync(install, StagedInstall.Secret, lab);
        var text = File.ReadAllText(install.PathOf(ClustersFile));
        var second = await AddAsync(install, StagedInstall.Secret, lab);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("""{"name": "lab", "hosts": ["10.0.1.11", "10.0.1.12"], "token_id": "mcp@pve!mcp", "token_secret_file": "/etc/proxmox-mcp/clusters/lab.secret"},""", text, StringComparison.Ordinal);
        Assert.DoesNotContain(StagedInstall.Secret, text, StringComparison.Ordinal);
        Assert.Equal(StagedInstall.Secret + "\n", File.ReadAllText(install.PathOf(LabSecret)));
        Assert.Equal("0600", install.ModeOf(LabSecret));
        Assert.Equal("0640", install.ModeOf(ClustersFile));
        Assert.Equal("0750", install.ModeOf("/etc/proxmox-mcp/clusters"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("cluster lab is already as given", second.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(install.PathOf(ClustersFile)));
        Assert.Equal("PROXMOX_HOST=pve1.example.com\n", File.ReadAllText(install.PathOf(StagedInstall.EnvTarget)));
    }

    [Fact]
    public async Task AddCluster_SecondClusterIsAppended_AndRerunningTheFirstUpdatesItInPlace()
    {
        using var install = Existing();
        await AddAsync(install, StagedInstall.Secret, "--add-cluster", "lab", "--host", "lab1", "--token-id", "mcp@pve!mcp", "--token-secret-stdin");
        await AddAsync(install, StagedInstall.Secret, "--add-cluster", "office", "--host", "pve-office", "--pve-port", "8007", "--token-id", "mcp@pve!o", "--token-secret-stdin");

        var update = await AddAsync(install, null, "--add-cluster", "lab", "--host", "lab1", "--host", "lab2", "--token-id", "mcp@pve!mcp", "--insecure");

        Assert.True(update.ExitCode == 0, update.ToString());
        var lines = File.ReadAllLines(install.PathOf(ClustersFile)).Where(l => l.StartsWith("    {", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("""    {"name": "lab", "hosts": ["lab1", "lab2"]""", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("""  "verify_ssl": false},""".TrimStart(), lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""    {"name": "office", "hosts": ["pve-office"], "port": 8007""", lines[1], StringComparison.Ordinal);
        Assert.Equal(StagedInstall.Secret + "\n", File.ReadAllText(install.PathOf(LabSecret)));
    }

    [Theory]
    [InlineData("default", "'default' is the cluster of the env file")]
    [InlineData("Lab_1", "lower-case letters, digits and '-'")]
    public async Task AddCluster_RefusesABadName(string name, string expected)
    {
        using var install = Existing();

        var result = await AddAsync(install, StagedInstall.Secret, "--add-cluster", name, "--host", "lab1", "--token-id", "mcp@pve!mcp", "--token-secret-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(install.PathOf(ClustersFile)));
    }

    [Fact]
    public async Task AddCluster_WithoutAnInstallOrASecret_Fails()
    {
        using var empty = StagedInstall.CreateEmpty();
        using var install = Existing();

        var noInstall = await AddAsync(empty, StagedInstall.Secret, "--add-cluster", "lab", "--host", "lab1", "--token-id", "mcp@pve!mcp", "--token-secret-stdin");
        var noSecret = await AddAsync(install, null, "--add-cluster", "lab", "--host", "lab1", "--token-id", "mcp@pve!mcp");

        Assert.Equal(1, noInstall.ExitCode);
        Assert.Contains("install first", noInstall.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, noSecret.ExitCode);
        Assert.Contains("no token secret for cluster lab", noSecret.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCluster_RefusesAFileEditedByHand()
    {
        using var install = Existing();
        File.WriteAllText(install.PathOf(ClustersFile), """{"clusters": [{"name": "x", "simulate": "lab"}]}""");

        var result = await AddAsync(install, StagedInstall.Secret, "--add-cluster", "lab", "--host", "lab1", "--token-id", "mcp@pve!mcp", "--token-secret-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("edited by hand", result.StandardError, StringComparison.Ordinal);
    }
}
