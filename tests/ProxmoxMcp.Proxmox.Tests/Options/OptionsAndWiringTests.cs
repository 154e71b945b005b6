using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Tasks;
using ProxmoxMcp.Proxmox.Tests.Support;
using RichardSzalay.MockHttp;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Options;

public sealed class OptionsAndWiringTests
{
    [Theory]
    [InlineData("pve1", 8006, "https://pve1:8006/api2/json/")]
    [InlineData("192.168.1.10", 8006, "https://192.168.1.10:8006/api2/json/")]
    [InlineData("https://pve.example.com:8443", 8006, "https://pve.example.com:8443/api2/json/")]
    [InlineData("https://pve.example.com", 8007, "https://pve.example.com:8007/api2/json/")]
    [InlineData("http://pve.example.com:8006/", 8006, "https://pve.example.com:8006/api2/json/")]
    [InlineData(" pve1 ", 8006, "https://pve1:8006/api2/json/")]
    public void BaseAddress_IsHttpsApiRoot(string host, int port, string expected) =>
        Assert.Equal(new Uri(expected), new ProxmoxOptions { Host = host, Port = port }.BaseAddress);

    [Theory]
    [InlineData("mcp\n")]
    [InlineData("root@pam!mcp\n")]
    [InlineData("root@pam!")]
    [InlineData("root!mcp")]
    [InlineData("root@pam!mcp=x")]
    public void Validate_RefusesMalformedTokenIds(string tokenId)
    {
        var options = new ProxmoxOptions { Host = "pve1", TokenId = tokenId, TokenSecret = "s" };

        Assert.Contains(options.Validate(), p => p.StartsWith("PROXMOX_TOKEN_ID", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NamesEachMissingSetting()
    {
        Assert.Contains(new ProxmoxOptions().Validate(), p => p.StartsWith("PROXMOX_HOST is not set", StringComparison.Ordinal));
        Assert.Contains(new ProxmoxOptions { Host = "pve1" }.Validate(), p => p.StartsWith("No credentials", StringComparison.Ordinal));
        Assert.Contains(new ProxmoxOptions { Host = "pve1", TokenId = "mcp" }.Validate(), p => p.StartsWith("PROXMOX_TOKEN_SECRET is not set", StringComparison.Ordinal));
        Assert.Contains(new ProxmoxOptions { Host = "pve1", TokenId = "mcp", TokenSecret = "s", Port = 0 }.Validate(), p => p.StartsWith("PROXMOX_PORT 0", StringComparison.Ordinal));
        Assert.Contains(
            new ProxmoxOptions { Host = "pve1", Password = "p", CaFile = "/nonexistent/ca.pem" }.Validate(),
            p => p.StartsWith("PROXMOX_CA_FILE '/nonexistent/ca.pem' does not exist", StringComparison.Ordinal));
        Assert.Empty(new ProxmoxOptions { Host = "pve1", Password = "p" }.Validate());
    }

    [Fact]
    public async Task AddProxmoxClient_WiresClientWaiterAndTranslatorOverTheTransport()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://pve1:8006/api2/json/version").Respond("application/json", Samples.Read("version.json"));
        mock.Fallback.Respond(_ => throw new UnexpectedRequestException("unexpected request"));
        var services = new ServiceCollection().AddProxmoxClient(new ProxmoxOptions { Host = "pve1", TokenId = "mcp", TokenSecret = "s" }, _ => mock);
        await using var provider = services.BuildServiceProvider();

        var version = await provider.GetRequiredService<ProxmoxClient>().GetVersionAsync(Ct);

        Assert.Equal("8.1.4", version.Version);
        Assert.NotNull(provider.GetRequiredService<TaskWaiter>());
        Assert.NotNull(provider.GetRequiredService<ProxmoxErrorTranslator>());
        Assert.Same(provider.GetRequiredService<ProxmoxClient>(), provider.GetRequiredService<ProxmoxClient>());
    }
}
