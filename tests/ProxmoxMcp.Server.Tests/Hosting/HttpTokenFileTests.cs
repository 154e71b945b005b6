using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Server.Tests.Hosting;

public sealed class HttpTokenFileTests
{
    [Fact]
    public void Find_WhenTokenWasFormattedIntoTheFile_ReturnsItsPolicy()
    {
        var line = HttpTokenFile.Format("laptop", "s3cret-token", readOnly: true, tools: "default", requestsPerMinute: 60);

        var tokens = HttpTokenFile.Parse(["# comment", "", line]);
        var match = HttpTokenFile.Find(tokens, "s3cret-token");

        Assert.NotNull(match);
        Assert.Equal("laptop", match.Name);
        Assert.True(match.ReadOnly);
        Assert.Equal("default", match.Tools);
        Assert.Equal(60, match.RequestsPerMinute);
    }

    [Fact]
    public void Find_WhenTokenIsWrong_ReturnsNull()
    {
        var tokens = HttpTokenFile.Parse([HttpTokenFile.Format("laptop", "right", false, null, null)]);

        Assert.Null(HttpTokenFile.Find(tokens, "wrong"));
        Assert.Null(HttpTokenFile.Find(tokens, ""));
    }

    [Fact]
    public void Format_StoresOnlyTheHash()
    {
        var line = HttpTokenFile.Format("ci", "plain-secret", false, null, null);

        Assert.DoesNotContain("plain-secret", line);
        Assert.Matches("^ci sha256:[0-9a-f]{64}$", line);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("name md5:abcd")]
    [InlineData("name sha256:zz")]
    [InlineData("name sha256:abcd")]
    [InlineData("name sha256:0000000000000000000000000000000000000000000000000000000000000000 admin")]
    [InlineData("name sha256:0000000000000000000000000000000000000000000000000000000000000000 rate=0/min")]
    public void Parse_WhenLineIsMalformed_Throws(string line)
    {
        Assert.Throws<FormatException>(() => HttpTokenFile.Parse([line]));
    }

    [Fact]
    public void Parse_WhenNameRepeats_Throws()
    {
        var line = HttpTokenFile.Format("dup", "a", false, null, null);

        Assert.Throws<FormatException>(() => HttpTokenFile.Parse([line, HttpTokenFile.Format("dup", "b", false, null, null)]));
    }
}
