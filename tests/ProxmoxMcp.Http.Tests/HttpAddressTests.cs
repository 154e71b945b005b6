using System.Net;
using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080, true)]
    [InlineData("http://127.0.0.2:80/", "127.0.0.2", 80, true)]
    [InlineData("[::1]:8443", "::1", 8443, true)]
    [InlineData("0.0.0.0:8443", "0.0.0.0", 8443, false)]
    [InlineData("https://192.0.2.10:8443", "192.0.2.10", 8443, false)]
    [InlineData("*:8443", "::", 8443, false)]
    public void Parse_IpAddresses_SaysWhetherLoopback(string text, string ip, int port, bool loopback)
    {
        var address = HttpAddress.Parse(text);

        Assert.Equal(IPAddress.Parse(ip), address.Ip);
        Assert.Equal(port, address.Port);
        Assert.Equal(loopback, address.IsLoopback);
    }

    [Fact]
    public void Parse_Localhost_IsLoopback()
    {
        Assert.True(HttpAddress.Parse("localhost:3000").IsLoopback);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0x50")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("mcp.example.com:8443")]
    [InlineData("[::1]")]
    public void Parse_WhenNotIpAndPort_Throws(string text)
    {
        Assert.Throws<FormatException>(() => HttpAddress.Parse(text));
    }
}
