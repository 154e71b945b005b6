using System.Collections;
using System.CommandLine;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tests.Configuration;

public sealed class ProtectionSettingsTests
{
    private static readonly IReadOnlyDictionary<string, string> NoCommandLine = new Dictionary<string, string>();

    [Fact]
    public void ProtectAndAllow_AreReadFromTheEnvironment()
    {
        using var dir = new TempDirectory();
        var environment = new Hashtable { ["PROXMOX_MCP_PROTECT"] = "101, 200-299, tag:prod", ["PROXMOX_MCP_ALLOW"] = "pool:lab" };

        var settings = SettingsLoader.Load(NoCommandLine, environment, null, dir.Path);

        Assert.Empty(settings.Problems);
        Assert.Equal("101,200-299,tag:prod", settings.Proxmox.Protect.ToString());
        Assert.Equal("PROXMOX_MCP_PROTECT", settings.Proxmox.Protect.Setting);
        Assert.Equal("pool:lab", settings.Proxmox.Allow.ToString());
    }

    [Fact]
    public void ProtectAndAllow_CommandLineOptionsOverrideTheEnvironment()
    {
        using var dir = new TempDirectory();
        var options = new SettingOptions();
        var root = new RootCommand();
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(["--protect", "tag:prod,105", "--allow", "100-199"]);
        var settings = SettingsLoader.Load(options.Values(parse), new Hashtable { ["PROXMOX_MCP_PROTECT"] = "999" }, null, dir.Path);

        Assert.Empty(parse.Errors);
        Assert.Equal("tag:prod,105", settings.Proxmox.Protect.ToString());
        Assert.Equal("100-199", settings.Proxmox.Allow.ToString());
    }

    [Fact]
    public void Unset_MeansNoRules()
    {
        using var dir = new TempDirectory();

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable(), null, dir.Path);

        Assert.True(settings.Proxmox.Protect.IsEmpty);
        Assert.True(settings.Proxmox.Allow.IsEmpty);
    }

    [Theory]
    [InlineData("PROXMOX_MCP_PROTECT", "10x")]
    [InlineData("PROXMOX_MCP_ALLOW", "label:prod")]
    public void UnparseableValue_IsAStartUpProblemNamingTheSetting(string setting, string value)
    {
        using var dir = new TempDirectory();

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable { [setting] = "100," + value }, null, dir.Path);

        var problem = Assert.Single(settings.Problems);
        Assert.StartsWith($"{setting}: '{value}' is not a guest selector", problem, StringComparison.Ordinal);
    }
}
