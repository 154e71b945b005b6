using System.Collections;
using System.CommandLine;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tests.Configuration;

public sealed class SettingsLoaderTests
{
    private static readonly IReadOnlyDictionary<string, string> NoCommandLine = new Dictionary<string, string>();

    [Fact]
    public void Precedence_CommandLineBeatsEnvironmentBeatsEnvFile()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("proxmox.env", "PROXMOX_HOST=file-host\nPROXMOX_PORT=8001\nPROXMOX_REALM=pve\nPROXMOX_USERNAME=file-user\n");
        var environment = new Hashtable { ["PROXMOX_HOST"] = "env-host", ["PROXMOX_PORT"] = "8002", ["PROXMOX_USERNAME"] = "env-user" };
        var commandLine = new Dictionary<string, string> { ["PROXMOX_HOST"] = "cli-host" };

        var settings = SettingsLoader.Load(commandLine, environment, file, dir.Path);

        Assert.Equal("cli-host", settings.Proxmox.Host);
        Assert.Equal(8002, settings.Proxmox.Port);
        Assert.Equal("env-user", settings.Proxmox.Username);
        Assert.Equal("pve", settings.Proxmox.Realm);
        Assert.Equal([$"env file {file}", "environment", "command line"], settings.Sources);
        Assert.Empty(settings.Problems);
    }

    [Fact]
    public void Precedence_ThroughRealCommandLineOptions()
    {
        using var dir = new TempDirectory();
        dir.Write(".env", "PROXMOX_HOST=file-host\nPROXMOX_VERIFY_SSL=false\nPROXMOX_TIMEOUT=30\n");
        var options = new SettingOptions();
        var root = new RootCommand();
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(["--host", "cli-host", "--verify-ssl", "--port", "8443"]);
        var settings = SettingsLoader.Load(options.Values(parse), new Hashtable { ["PROXMOX_PORT"] = "9000", ["PROXMOX_TIMEOUT"] = "25" }, parse.GetValue(options.EnvFileOption), dir.Path);

        Assert.Empty(parse.Errors);
        Assert.Equal("cli-host", settings.Proxmox.Host);
        Assert.Equal(8443, settings.Proxmox.Port);
        Assert.True(settings.Proxmox.VerifySsl);
        Assert.Equal(TimeSpan.FromSeconds(25), settings.Proxmox.AttemptTimeout);
    }

    [Fact]
    public void DotEnvInWorkingDirectory_IsUsedWhenNoEnvFileGiven()
    {
        using var dir = new TempDirectory();
        var dotEnv = dir.Write(".env", "PROXMOX_HOST=pve-from-dotenv\nPROXMOX_TOKEN_ID=mcp\nPROXMOX_TOKEN_SECRET=s3cret\n");

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable(), null, dir.Path);

        Assert.Equal("pve-from-dotenv", settings.Proxmox.Host);
        Assert.Equal("s3cret", settings.Proxmox.TokenSecret);
        Assert.Contains($"env file {dotEnv}", settings.Sources);
        Assert.DoesNotContain(settings.Sources, s => s.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvFileOption_ReplacesDotEnv()
    {
        using var dir = new TempDirectory();
        dir.Write(".env", "PROXMOX_HOST=from-dotenv\nPROXMOX_REALM=pve\n");
        var file = dir.Write("other.env", "PROXMOX_HOST=from-option\n");

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable(), file, dir.Path);

        Assert.Equal("from-option", settings.Proxmox.Host);
        Assert.Equal("pam", settings.Proxmox.Realm);
    }

    [Fact]
    public void EnvFileVariable_IsUsedWhenNoOption_AndOptionBeatsIt()
    {
        using var dir = new TempDirectory();
        var byVariable = dir.Write("variable.env", "PROXMOX_HOST=from-variable\n");
        var byOption = dir.Write("option.env", "PROXMOX_HOST=from-option\n");
        var environment = new Hashtable { ["PROXMOX_MCP_ENV_FILE"] = byVariable };

        Assert.Equal("from-variable", SettingsLoader.Load(NoCommandLine, environment, null, dir.Path).Proxmox.Host);
        Assert.Equal("from-option", SettingsLoader.Load(NoCommandLine, environment, byOption, dir.Path).Proxmox.Host);
    }

    [Fact]
    public void MissingEnvFile_IsReportedByPath()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "missing.env");

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable(), missing, dir.Path);

        Assert.Equal([$"The env file '{missing}' does not exist."], settings.Problems);
    }

    [Fact]
    public void WithoutAnyFile_ReadsEnvironmentOnly()
    {
        using var dir = new TempDirectory();

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable { ["PROXMOX_HOST"] = "pve1" }, null, dir.Path);

        Assert.Equal("pve1", settings.Proxmox.Host);
        Assert.Equal(["environment"], settings.Sources);
        Assert.Empty(settings.Problems);
    }

    [Fact]
    public void EmptyEnvironmentValue_DoesNotHideEnvFileValue()
    {
        using var dir = new TempDirectory();
        dir.Write(".env", "PROXMOX_HOST=from-file\n");

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable { ["PROXMOX_HOST"] = "" }, null, dir.Path);

        Assert.Equal("from-file", settings.Proxmox.Host);
    }

    [Fact]
    public void OriginalVariableNames_AreAllRead()
    {
        using var dir = new TempDirectory();
        var environment = new Hashtable
        {
            ["PROXMOX_HOST"] = "192.168.1.10",
            ["PROXMOX_PORT"] = "8007",
            ["PROXMOX_USERNAME"] = "automation",
            ["PROXMOX_REALM"] = "pve",
            ["PROXMOX_TOKEN_ID"] = "mcp",
            ["PROXMOX_TOKEN_SECRET"] = "5e1f6d1a-7c3b-4d2e-9f00-123456789abc",
            ["PROXMOX_VERIFY_SSL"] = "false",
            ["HOST"] = "not-read",
        };

        var p = SettingsLoader.Load(NoCommandLine, environment, null, dir.Path).Proxmox;

        Assert.Equal("192.168.1.10", p.Host);
        Assert.Equal(8007, p.Port);
        Assert.Equal("automation@pve", p.UserId);
        Assert.Equal("automation@pve!mcp", p.FullTokenId);
        Assert.Equal("5e1f6d1a-7c3b-4d2e-9f00-123456789abc", p.TokenSecret);
        Assert.False(p.VerifySsl);
        Assert.Equal(ProxmoxAuthMode.Token, p.AuthMode);
        Assert.Equal(new Uri("https://192.168.1.10:8007/api2/json/"), p.BaseAddress);
        Assert.Empty(p.Validate());
    }

    [Fact]
    public void Defaults_MatchTheOriginalServer()
    {
        using var dir = new TempDirectory();

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable(), null, dir.Path);

        Assert.Equal(8006, settings.Proxmox.Port);
        Assert.Equal("root@pam", settings.Proxmox.UserId);
        Assert.True(settings.Proxmox.VerifySsl);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Proxmox.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.Proxmox.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.TaskTimeout);
        Assert.Equal(ConfirmationMode.Client, settings.Confirmation);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.False(settings.ReadOnly);
        Assert.False(settings.Simulate);
    }

    [Fact]
    public void FullTokenIdForm_IsKeptAsGiven()
    {
        using var dir = new TempDirectory();
        var environment = new Hashtable { ["PROXMOX_TOKEN_ID"] = "root@pam!mcp", ["PROXMOX_USERNAME"] = "ignored", ["PROXMOX_TOKEN_SECRET"] = "x" };

        Assert.Equal("root@pam!mcp", SettingsLoader.Load(NoCommandLine, environment, null, dir.Path).Proxmox.FullTokenId);
    }

    [Fact]
    public void OwnSettings_AreRead()
    {
        using var dir = new TempDirectory();
        var environment = new Hashtable
        {
            ["PROXMOX_PASSWORD"] = "pw",
            ["PROXMOX_CA_FILE"] = "/etc/pve/pve-root-ca.pem",
            ["PROXMOX_FINGERPRINT"] = "AB:CD",
            ["PROXMOX_TIMEOUT"] = "30",
            ["PROXMOX_MCP_READONLY"] = "yes",
            ["PROXMOX_MCP_TOOLS"] = "vms, snapshots;get_nodes",
            ["PROXMOX_MCP_EXCLUDE_TOOLS"] = "delete_vm",
            ["PROXMOX_MCP_TASK_TIMEOUT"] = "0",
            ["PROXMOX_MCP_CONFIRM"] = "Argument",
            ["PROXMOX_MCP_SIMULATE"] = "on",
            ["PROXMOX_MCP_LOG_LEVEL"] = "debug",
            ["PROXMOX_MCP_LIST_ROWS"] = "Text",
        };

        var settings = SettingsLoader.Load(NoCommandLine, environment, null, dir.Path);

        Assert.Empty(settings.Problems);
        Assert.Equal("pw", settings.Proxmox.Password);
        Assert.Equal("/etc/pve/pve-root-ca.pem", settings.Proxmox.CaFile);
        Assert.Equal("AB:CD", settings.Proxmox.Fingerprint);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Proxmox.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(65), settings.Proxmox.TotalTimeout);
        Assert.True(settings.ReadOnly);
        Assert.Equal(["vms", "snapshots", "get_nodes"], settings.Tools);
        Assert.Equal(["delete_vm"], settings.ExcludeTools);
        Assert.Equal(TimeSpan.Zero, settings.TaskTimeout);
        Assert.Equal(ConfirmationMode.Argument, settings.Confirmation);
        Assert.Equal(ListRowsMode.Text, settings.ListRows);
        Assert.True(settings.Simulate);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Theory]
    [InlineData("PROXMOX_PORT", "abc")]
    [InlineData("PROXMOX_PORT", "70000")]
    [InlineData("PROXMOX_PORT", "0")]
    [InlineData("PROXMOX_VERIFY_SSL", "maybe")]
    [InlineData("PROXMOX_TIMEOUT", "0")]
    [InlineData("PROXMOX_TIMEOUT", "20s")]
    [InlineData("PROXMOX_MCP_TASK_TIMEOUT", "-5")]
    [InlineData("PROXMOX_MCP_READONLY", "2")]
    [InlineData("PROXMOX_MCP_SIMULATE", "perhaps")]
    [InlineData("PROXMOX_MCP_CONFIRM", "sometimes")]
    [InlineData("PROXMOX_MCP_LOG_LEVEL", "loud")]
    [InlineData("PROXMOX_MCP_LIST_ROWS", "json")]
    public void BadValue_IsReportedByNameAndDefaultKept(string name, string value)
    {
        using var dir = new TempDirectory();
        var reference = SettingsLoader.Load(NoCommandLine, new Hashtable(), null, dir.Path);

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable { [name] = value }, null, dir.Path);

        var problem = Assert.Single(settings.Problems);
        Assert.StartsWith($"{name}='{value}' is not ", problem, StringComparison.Ordinal);
        Assert.Equal(reference.Proxmox.Port, settings.Proxmox.Port);
        Assert.Equal(reference.Proxmox.VerifySsl, settings.Proxmox.VerifySsl);
        Assert.Equal(reference.Proxmox.AttemptTimeout, settings.Proxmox.AttemptTimeout);
        Assert.Equal(reference.TaskTimeout, settings.TaskTimeout);
        Assert.Equal(reference.Confirmation, settings.Confirmation);
        Assert.Equal(reference.LogLevel, settings.LogLevel);
        Assert.Equal(reference.ListRows, settings.ListRows);
    }

    [Fact]
    public void BadValueInEnvFile_IsReportedByName()
    {
        using var dir = new TempDirectory();
        dir.Write(".env", "PROXMOX_PORT=eighty\n");

        var settings = SettingsLoader.Load(NoCommandLine, new Hashtable(), null, dir.Path);

        Assert.Equal(["PROXMOX_PORT='eighty' is not a whole number from 1 to 65535."], settings.Problems);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void VerifySsl_AcceptsCommonSpellings(string value, bool expected)
    {
        using var dir = new TempDirectory();

        Assert.Equal(expected, SettingsLoader.Load(NoCommandLine, new Hashtable { ["PROXMOX_VERIFY_SSL"] = value }, null, dir.Path).Proxmox.VerifySsl);
    }
}
