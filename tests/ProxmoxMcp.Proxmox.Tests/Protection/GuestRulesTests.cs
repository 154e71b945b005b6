using ProxmoxMcp.Proxmox.Protection;

namespace ProxmoxMcp.Proxmox.Tests.Protection;

public sealed class GuestRulesTests
{
    private const string Setting = "PROXMOX_MCP_PROTECT";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ,")]
    public void Parse_WhenBlank_IsEmpty(string? text)
    {
        var rules = GuestRules.Parse(text, Setting);

        Assert.True(rules.IsEmpty);
        Assert.Null(rules.Match(100, ["prod"], "critical"));
    }

    [Fact]
    public void Parse_ReadsEachForm_AndSaysItBack()
    {
        var rules = GuestRules.Parse(" 105, 200-299 ,tag:prod,POOL:critical", Setting);

        Assert.Equal("105,200-299,tag:prod,pool:critical", rules.ToString());
        Assert.Equal(
            [GuestRuleKind.VmId, GuestRuleKind.Range, GuestRuleKind.Tag, GuestRuleKind.Pool],
            rules.Rules.Select(r => r.Kind));
        Assert.Equal(Setting, rules.Setting);
        Assert.True(rules.NeedsResources);
    }

    [Theory]
    [InlineData(105, null, null, "105")]
    [InlineData(200, null, null, "200-299")]
    [InlineData(299, null, null, "200-299")]
    [InlineData(150, new[] { "web", "PROD" }, null, "tag:prod")]
    [InlineData(150, null, "critical", "pool:critical")]
    [InlineData(104, new[] { "production" }, "critical-2", null)]
    [InlineData(106, null, null, null)]
    [InlineData(300, new[] { "pro" }, "Critical", null)]
    public void Match_SelectsByIdRangeTagOrPool(int vmid, string[]? tags, string? pool, string? expected)
    {
        var rules = GuestRules.Parse("105,200-299,tag:prod,pool:critical", Setting);

        Assert.Equal(expected, rules.Match(vmid, tags, pool)?.ToString());
    }

    [Fact]
    public void Parse_OfIdsOnly_NeedsNoGuestList()
    {
        Assert.False(GuestRules.Parse("100,101-110", Setting).NeedsResources);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99")]
    [InlineData("1000000000")]
    [InlineData("200-100")]
    [InlineData("100-")]
    [InlineData("-100")]
    [InlineData("100-1x")]
    [InlineData("tag:")]
    [InlineData("tag:a b")]
    [InlineData("pool:x/y")]
    [InlineData("node:pve1")]
    [InlineData("105;106")]
    public void Parse_WhenASelectorIsInvalid_FailsNamingTheSettingAndTheSelector(string text)
    {
        var e = Assert.Throws<FormatException>(() => GuestRules.Parse("101," + text, Setting));

        Assert.StartsWith($"{Setting}: '{text.Trim()}' is not a guest selector", e.Message, StringComparison.Ordinal);
        Assert.Contains("tag:NAME or pool:NAME", e.Message, StringComparison.Ordinal);
    }
}
