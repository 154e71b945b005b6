using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tests.Configuration;

public sealed class EnvFileTests
{
    [Fact]
    public void Parse_SkipsBlankLinesAndComments()
    {
        var values = EnvFile.Parse(["", "   ", "# PROXMOX_HOST=commented", "  # indented comment", "PROXMOX_HOST=pve1"]);

        Assert.Equal(new Dictionary<string, string> { ["PROXMOX_HOST"] = "pve1" }, values);
    }

    [Fact]
    public void Parse_AcceptsExportPrefix()
    {
        var values = EnvFile.Parse(["export PROXMOX_HOST=pve1", "export   PROXMOX_PORT=8007"]);

        Assert.Equal("pve1", values["PROXMOX_HOST"]);
        Assert.Equal("8007", values["PROXMOX_PORT"]);
    }

    [Theory]
    [InlineData("PROXMOX_TOKEN_SECRET=\"5e1f6d1a-0000\"", "5e1f6d1a-0000")]
    [InlineData("PROXMOX_TOKEN_SECRET='5e1f6d1a-0000'", "5e1f6d1a-0000")]
    [InlineData("PROXMOX_TOKEN_SECRET=\"with # hash and = sign\"", "with # hash and = sign")]
    [InlineData("PROXMOX_TOKEN_SECRET='  spaced  '", "  spaced  ")]
    [InlineData("PROXMOX_TOKEN_SECRET=\"\"", "")]
    [InlineData("PROXMOX_TOKEN_SECRET=a=b=c", "a=b=c")]
    [InlineData("PROXMOX_TOKEN_SECRET = spaced-around ", "spaced-around")]
    [InlineData("PROXMOX_TOKEN_SECRET=\"unbalanced", "\"unbalanced")]
    [InlineData("PROXMOX_TOKEN_SECRET='mixed\"", "'mixed\"")]
    public void Parse_HandlesQuotingAndEquals(string line, string expected) =>
        Assert.Equal(expected, EnvFile.Parse([line])["PROXMOX_TOKEN_SECRET"]);

    [Fact]
    public void Parse_IgnoresLinesWithoutKey_AndLaterLineWins()
    {
        var values = EnvFile.Parse(["just text", "=no-key", "PROXMOX_HOST=first", "PROXMOX_HOST=second"]);

        Assert.Equal(new Dictionary<string, string> { ["PROXMOX_HOST"] = "second" }, values);
    }

    [Fact]
    public void Load_ReadsCrLfFile()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("settings.env", "# Proxmox\r\nPROXMOX_HOST=pve1\r\nexport PROXMOX_TOKEN_ID=\"root@pam!mcp\"\r\n");

        var values = EnvFile.Load(file);

        Assert.Equal("pve1", values["PROXMOX_HOST"]);
        Assert.Equal("root@pam!mcp", values["PROXMOX_TOKEN_ID"]);
    }
}
