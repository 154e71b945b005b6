namespace ProxmoxMcp.Security.Tests;

// Replaced by the real suites.
public class PlaceholderTests
{
    [Fact]
    public void Project_Builds() => Assert.True(typeof(ProxmoxMcp.Server.Hosting.ServerHost).Assembly.GetName().Name == "proxmox-mcp");
}
