using System.Collections;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tests.Configuration;

/// <summary>The clusters file: what a good file gives, and that each bad key stops start-up with a problem naming file, cluster and key.</summary>
public sealed class ClustersFileTests
{
    private const string Secret = "5e1f6d1a-7c3b-4d2e-9f00-123456789abc";
    private const string Pin = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    private static readonly IReadOnlyDictionary<string, string> NoCommandLine = new Dictionary<string, string>();

    [Fact]
    public void GoodFile_GivesEveryClusterWithItsSettingsAndSecrets()
    {
        using var dir = new TempDirectory();
        var secretFile = SecretFile(dir, "home.secret", Secret + "\n");
        var env = dir.Write("proxmox.env", $"LAB_SECRET={Secret}-lab\n");
        var file = dir.Write("clusters.json", $$"""
            {
              // comments and trailing commas are fine
              "clusters": [
                {"name": "home", "hosts": ["pve1.home.arpa", "10.0.0.12"], "port": 8007, "token_id": "mcp",
                 "token_secret_file": "{{secretFile}}", "fingerprint": ["{{Pin}}"], "read_only": true,
                 "tools": ["core"], "exclude_tools": "delete_vm", "protect": "100-199,tag:prod", "allow": ["pool:lab"], "timeout": 5},
                {"name": "lab-2", "default": true, "hosts": ["lab1.example.com"], "username": "mcp", "realm": "pve",
                 "token_id": "ro", "token_secret_env": "LAB_SECRET", "verify_ssl": false},
              ],
            }
            """);

        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Clusters] = file }, new Hashtable(), env, dir.Path);

        Assert.Empty(settings.Problems);
        Assert.Equal(["lab-2", "home"], settings.Clusters.Select(c => c.Name));
        var home = settings.Clusters[1];
        Assert.Equal("pve1.home.arpa", home.Proxmox.Host);
        Assert.Equal(["10.0.0.12"], home.Proxmox.FailoverHosts);
        Assert.Equal(["https://pve1.home.arpa:8007/api2/json/", "https://10.0.0.12:8007/api2/json/"], home.Proxmox.BaseAddresses.Select(u => u.ToString()));
        Assert.Equal("root@pam!mcp", home.Proxmox.FullTokenId);
        Assert.Equal(Secret, home.Proxmox.TokenSecret);
        Assert.Equal(Pin, home.Proxmox.Fingerprint);
        Assert.True(home.ReadOnly);
        Assert.Equal(["core"], home.Tools);
        Assert.Equal(["delete_vm"], home.ExcludeTools);
        Assert.Equal("100-199,tag:prod", home.Proxmox.Protect.ToString());
        Assert.Equal("pool:lab", home.Proxmox.Allow.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), home.Proxmox.AttemptTimeout);
        Assert.Equal("home", home.Proxmox.ClusterName);
        Assert.Null(home.Simulation);
        var lab = settings.Clusters[0];
        Assert.Equal("mcp@pve!ro", lab.Proxmox.FullTokenId);
        Assert.Equal(Secret + "-lab", lab.Proxmox.TokenSecret);
        Assert.False(lab.Proxmox.VerifySsl);
        Assert.Contains($"clusters file {file}", settings.Sources);
    }

    [Fact]
    public void EnvVarCluster_IsClusterDefaultAndComesFirst_UnlessTheFileMarksAnotherDefault()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("clusters.json", """{"clusters": [{"name": "lab", "hosts": ["lab1"], "token_id": "mcp", "token_secret_env": "LAB_SECRET"}]}""");
        var environment = new Hashtable { ["PROXMOX_HOST"] = "pve.example.com", ["PROXMOX_TOKEN_ID"] = "mcp", ["PROXMOX_TOKEN_SECRET"] = Secret, ["LAB_SECRET"] = Secret };

        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Clusters] = file }, environment, null, dir.Path);
        var marked = SettingsLoader.Load(
            new Dictionary<string, string> { [SettingNames.Clusters] = dir.Write("marked.json", File.ReadAllText(file).Replace("\"lab\",", "\"lab\", \"default\": true,", StringComparison.Ordinal)) },
            environment, null, dir.Path);

        Assert.Empty(settings.Problems);
        Assert.Equal(["default", "lab"], settings.Clusters.Select(c => c.Name));
        Assert.Same(settings.Proxmox, settings.Clusters[0].Proxmox);
        Assert.Equal("pve.example.com", settings.Clusters[0].Proxmox.Host);
        Assert.Empty(marked.Problems);
        Assert.Equal(["lab", "default"], marked.Clusters.Select(c => c.Name));
    }

    [Fact]
    public void FileClusterNamedDefault_WhenEnvVarsAlsoDefineOne_IsAProblem()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("clusters.json", """{"clusters": [{"name": "default", "hosts": ["x"], "token_id": "mcp", "token_secret_env": "S"}]}""");

        var settings = SettingsLoader.Load(
            new Dictionary<string, string> { [SettingNames.Clusters] = file }, new Hashtable { ["PROXMOX_HOST"] = "pve", ["S"] = Secret }, null, dir.Path);

        Assert.Contains(settings.Problems, p => p.Contains($"'{file}', cluster 'default': key 'name'", StringComparison.Ordinal));
    }

    [Fact]
    public void NoFile_NoSimulate_KeepsTheOneClusterOfTheEnvironment()
    {
        using var dir = new TempDirectory();

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable { ["PROXMOX_HOST"] = "pve" }, null, dir.Path, defaultClustersFile: Path.Combine(dir.Path, "absent.json"));

        Assert.Equal("default", Assert.Single(settings.Clusters).Name);
    }

    [Fact]
    public void DefaultPath_IsReadWhenItExists()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("clusters.json", """{"clusters": [{"name": "lab", "simulate": "lab"}]}""");

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable(), null, dir.Path, defaultClustersFile: file);

        Assert.Equal("lab", Assert.Single(settings.Clusters).Name);
    }

    [Fact]
    public void Simulate_WithoutFile_OffersTheDemoClusterAsDefaultAndTheLabCluster()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("clusters.json", """{"clusters": [{"name": "real", "hosts": ["pve"]}]}""");

        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Simulate] = "true" }, new Hashtable(), null, dir.Path, defaultClustersFile: file);

        Assert.Empty(settings.Problems);
        Assert.Equal(["default", "lab"], settings.Clusters.Select(c => c.Name));
        Assert.True(settings.Clusters[0].Simulation!.Estate.IsDemo);
        Assert.True(settings.Clusters[1].Simulation!.Estate.IsLab);
        Assert.Equal("lab", settings.Clusters[1].Simulation!.ClusterName);
    }

    [Theory]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret": "x"}""", "cluster 'lab': key 'token_secret': secrets never go in the clusters file")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "password": "x"}""", "cluster 'lab': key 'password': secrets never go in the clusters file")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "root@pam!mcp=5e1f6d1a", "token_secret_env": "S"}""", "cluster 'lab': key 'token_id': it contains '='")]
    [InlineData("""{"name": "Lab_1", "hosts": ["pve"]}""", "cluster 'Lab_1': key 'name': 'Lab_1' is not a cluster name")]
    [InlineData("""{"hosts": ["pve"]}""", "cluster #1: key 'name' is missing")]
    [InlineData("""{"name": "lab", "token_id": "mcp", "token_secret_env": "S"}""", "cluster 'lab': key 'hosts' is missing")]
    [InlineData("""{"name": "lab", "hosts": [], "token_id": "mcp", "token_secret_env": "S"}""", "cluster 'lab': key 'hosts': give at least one node address")]
    [InlineData("""{"name": "lab", "hosts": ["pve", "bad host!"], "token_id": "mcp", "token_secret_env": "S"}""", "cluster 'lab': The node address 'bad host!' is not a valid host name")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "port": 99999, "token_id": "mcp", "token_secret_env": "S"}""", "cluster 'lab': key 'port': expected a whole number from 1 to 65535, not 99999")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "port": "8006", "token_id": "mcp", "token_secret_env": "S"}""", "cluster 'lab': key 'port': expected a whole number")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "NOT_SET"}""", "cluster 'lab': key 'token_secret_env': the variable NOT_SET is not set")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_file": "/nonexistent/lab.secret"}""", "cluster 'lab': key 'token_secret_file': '/nonexistent/lab.secret' does not exist")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp"}""", "cluster 'lab': token_secret_file/token_secret_env is not set")]
    [InlineData("""{"name": "lab", "hosts": ["pve"]}""", "cluster 'lab': No credentials: set token_id and token_secret_file/token_secret_env")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "verify_ssl": "no"}""", "cluster 'lab': key 'verify_ssl': expected true or false")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "fingerprint": "AB:CD"}""", "cluster 'lab': fingerprint is not a SHA-256 fingerprint")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "ca_file": "/nonexistent/ca.pem"}""", "cluster 'lab': ca_file '/nonexistent/ca.pem' does not exist")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "protect": "vm:100"}""", "cluster 'lab': key 'protect': ")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "allow": [1]}""", "cluster 'lab': key 'allow': expected a list of strings")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "tools": 3}""", "cluster 'lab': key 'tools': expected a list of strings")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "read_only": 1}""", "cluster 'lab': key 'read_only': expected true or false")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "timeout": 0}""", "cluster 'lab': key 'timeout': expected a whole number from 1 to 600")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "host": "pve"}""", "cluster 'lab': key 'host': unknown key")]
    [InlineData("""{"name": "lab", "simulate": "big"}""", "cluster 'lab': key 'simulate': 'big' is not a simulated estate")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "password_env": "S"}, {"name": "lab", "simulate": "lab"}""", "cluster 'lab': key 'name': the name is used twice")]
    [InlineData("""{"name": "a", "simulate": "lab", "default": true}, {"name": "b", "simulate": "demo", "default": true}""", "key 'default' is true on a, b")]
    [InlineData("""{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_env": "S", "token_secret_file": "/x"}""", "cluster 'lab': key 'token_secret_file': give one of token_secret_env or token_secret_file")]
    public void BadKey_IsAProblemNamingFileClusterAndKey(string clusters, string expected)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("clusters.json", $$"""{"clusters": [{{clusters}}]}""");

        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Clusters] = file }, new Hashtable { ["S"] = Secret }, null, dir.Path);

        Assert.Contains(settings.Problems, p => p.StartsWith($"Clusters file '{file}'", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{not json", "is not valid JSON (line 1)")]
    [InlineData("""{"clusters": []}""", "with at least one cluster")]
    [InlineData("""{"clusters": [{"name": "a", "simulate": "lab"}], "token_secret": "x"}""", "unknown key 'token_secret'")]
    public void BadFile_IsAProblemNamingTheFile(string text, string expected)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("clusters.json", text);

        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Clusters] = file }, new Hashtable(), null, dir.Path);

        Assert.Contains(settings.Problems, p => p.Contains($"'{file}'", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void MissingFile_IsAProblem()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "nope.json");

        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Clusters] = file }, new Hashtable(), null, dir.Path);

        Assert.Contains($"The clusters file '{file}' does not exist.", settings.Problems);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WorldReadableSecretFile_IsRefused()
    {
        using var dir = new TempDirectory();
        var secretFile = dir.Write("lab.secret", Secret);
        File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var file = dir.Write("clusters.json", $$"""{"clusters": [{"name": "lab", "hosts": ["pve"], "token_id": "mcp", "token_secret_file": "{{secretFile}}"}]}""");

        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Clusters] = file }, new Hashtable(), null, dir.Path);

        Assert.Contains(settings.Problems, p => p.Contains("key 'token_secret_file'", StringComparison.Ordinal) && p.Contains("readable by every user", StringComparison.Ordinal));
        Assert.DoesNotContain(settings.Problems, p => p.Contains(Secret, StringComparison.Ordinal));
    }

    private static string SecretFile(TempDirectory dir, string name, string content)
    {
        var file = dir.Write(name, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return file;
    }
}

/// <summary>What install.sh --add-cluster writes is a clusters file the server reads without a problem.</summary>
public sealed class InstallerClustersFileTests
{
    [Fact]
    public async Task FileWrittenByInstaller_LoadsWithItsSecretFile()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(Path.Combine(root, "etc", "proxmox-mcp"));
        File.WriteAllText(Path.Combine(root, "etc", "proxmox-mcp", "proxmox-mcp.env"), "PROXMOX_HOST=pve\n");
        var run = await ProxmoxMcp.TestSupport.ProcessRunner.RunAsync("bash",
            [ProxmoxMcp.TestSupport.RepoPaths.Combine("install", "install.sh"), "--root", root, "--non-interactive", "--no-check", "--binary", "/bin/true",
             "--add-cluster", "lab", "--host", "lab1,10.0.1.12", "--pve-port", "8007", "--token-id", "mcp@pve!mcp", "--token-secret-stdin",
             "--fingerprint", string.Join(':', Enumerable.Repeat("AB", 32))],
            TimeSpan.FromMinutes(1), standardInput: "5e1f6d1a-7c3b-4d2e-9f00-123456789abc\n", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(run.ExitCode == 0, run.ToString());
        var staged = File.ReadAllText(Path.Combine(root, "etc", "proxmox-mcp", "clusters.json")).Replace("/etc/proxmox-mcp/", root + "/etc/proxmox-mcp/", StringComparison.Ordinal);
        var problems = new List<string>();

        var entry = Assert.Single(ClustersFile.Parse(staged, "clusters.json", _ => null, TimeSpan.FromSeconds(20), problems));

        Assert.Empty(problems);
        Assert.Equal("lab", entry.Cluster.Name);
        Assert.Equal(["https://lab1:8007/api2/json/", "https://10.0.1.12:8007/api2/json/"], entry.Cluster.Proxmox.BaseAddresses.Select(u => u.ToString()));
        Assert.Equal("5e1f6d1a-7c3b-4d2e-9f00-123456789abc", entry.Cluster.Proxmox.TokenSecret);
    }
}
