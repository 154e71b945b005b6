using System.Text.Json;
using ProxmoxMcp.Proxmox.Tests.Support;

namespace ProxmoxMcp.Proxmox.Tests.Identifiers;

public sealed class UpidAndDiskSizeTests
{
    [Fact]
    public void Upid_WithTokenUser_RoundTrips()
    {
        const string text = "UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam!mcp:";

        var upid = Upid.Parse(text);

        Assert.Equal(text, upid.ToString());
        Assert.Equal("pve1", upid.Node.Value);
        Assert.Equal(0xC346u, upid.Pid);
        Assert.Equal(0x165A0CE4ul, upid.ProcessStart);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0x68D7279C), upid.StartTime);
        Assert.Equal("qmstart", upid.Type);
        Assert.Equal("100", upid.Id);
        Assert.Equal("root@pam!mcp", upid.User);
        Assert.Equal(upid, Upid.Create(upid.Node, upid.Pid, upid.ProcessStart, upid.StartTime, upid.Type, upid.Id, upid.User));
    }

    [Fact]
    public void Upid_WithNineDigitProcessStartAndEmptyId_RoundTrips()
    {
        const string text = "UPID:pve2:002F1A3B:1A1B2C3D4:68D72800:vzdump::automation@pve!backup-job:";

        var upid = Upid.Parse(text);

        Assert.Equal(0x1A1B2C3D4ul, upid.ProcessStart);
        Assert.Equal("", upid.Id);
        Assert.Equal("automation@pve!backup-job", upid.User);
        Assert.Equal(text, Upid.Create(upid.Node, upid.Pid, upid.ProcessStart, upid.StartTime, "vzdump", "", upid.User).Text);
    }

    [Fact]
    public void Upid_Create_FormatsLikePve()
    {
        var upid = Upid.Create(NodeName.Parse("node1"), 0xFF1FD, 0x10F9374C, DateTimeOffset.FromUnixTimeSeconds(0x630D702C), "vzdump", "110", "root@pam");

        Assert.Equal("UPID:node1:000FF1FD:10F9374C:630D702C:vzdump:110:root@pam:", upid.Text);
    }

    [Fact]
    public void Upid_FromEverySampleTaskList_Parses()
    {
        using var tasks = JsonDocument.Parse(Samples.Data("node-tasks.json"));
        using var started = JsonDocument.Parse(Samples.Read("task-post-upid.json"));
        var upids = tasks.RootElement.EnumerateArray().Select(t => t.GetProperty("upid").GetString()!)
            .Append(started.RootElement.GetProperty("data").GetString()!)
            .ToList();

        Assert.NotEmpty(upids);
        Assert.All(upids, text => Assert.Equal(text, Upid.Parse(text).Text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam")]
    [InlineData("upid:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:")]
    [InlineData("UPID:pve1/..:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:")]
    [InlineData("UPID:pvé1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:")]
    [InlineData("UPID:pve1:C346:165A0CE4:68D7279C:qmstart:100:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE41A:68D7279C:qmstart:100:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qm/start:100:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100?x=1:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:%2e%2e:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam#x:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:extra:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam\0:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qm\u0007start:100:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:1\u007f00:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam\u200b:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:\n")]
    public void Upid_Invalid_IsRefused(string? text)
    {
        Assert.False(Upid.TryParse(text, out _));
        Assert.Equal("upid", Assert.Throws<ProxmoxArgumentException>(() => Upid.Parse(text)).ParamName);
    }

    [Fact]
    public void Upid_Huge_IsRefused() =>
        Assert.False(Upid.TryParse($"UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:{new string('1', 600)}:root@pam:", out _));

    [Theory]
    [InlineData("32", 32)]
    [InlineData("32G", 32)]
    [InlineData("32GB", 32)]
    [InlineData("32GiB", 32)]
    [InlineData("32gib", 32)]
    [InlineData(" 32 G ", 32)]
    [InlineData("1T", 1024)]
    [InlineData("2TiB", 2048)]
    [InlineData("128T", 131072)]
    [InlineData("1", 1)]
    public void DiskSize_ParseGib_GivesWholeGib(string text, int gib) => Assert.Equal(gib, DiskSize.ParseGib(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0G")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("32M")]
    [InlineData("512K")]
    [InlineData("32GG")]
    [InlineData("129T")]
    [InlineData("99999999")]
    [InlineData("32G,iothread=1")]
    [InlineData("３２")]
    [InlineData("thirty-two")]
    public void DiskSize_ParseGib_RefusesBadSizesNamingTheArgument(string? text)
    {
        var e = Assert.Throws<ProxmoxArgumentException>(() => DiskSize.ParseGib(text, "disk_size"));

        Assert.Equal("disk_size", e.ParamName);
        Assert.Contains("GiB", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+10G", "+10G")]
    [InlineData("+10GiB", "+10G")]
    [InlineData("50G", "50G")]
    [InlineData("+512M", "+512M")]
    [InlineData("+1.5T", "+1.5T")]
    [InlineData("100K", "100K")]
    public void DiskSize_RequireResize_AcceptsPveSizes(string text, string wire) => Assert.Equal(wire, DiskSize.RequireResize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("10")]
    [InlineData("+10")]
    [InlineData("-10G")]
    [InlineData("+10g")]
    [InlineData("++10G")]
    [InlineData("10 G")]
    [InlineData("+10P")]
    public void DiskSize_RequireResize_RefusesOtherText(string? text) =>
        Assert.Equal("size", Assert.Throws<ProxmoxArgumentException>(() => DiskSize.RequireResize(text)).ParamName);
}
