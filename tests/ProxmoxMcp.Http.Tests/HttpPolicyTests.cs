using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpPolicyTests
{
    [Fact]
    public async Task ReadOnlyToken_ListsOnlyToolsThatChangeNothing()
    {
        await using var server = await HttpTestServer.StartAsync();
        await using var reader = await server.ConnectAsync(HttpTestServer.Reader);
        await using var admin = await server.ConnectAsync(HttpTestServer.Admin);

        var readerTools = await reader.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var adminTools = await admin.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(readerTools);
        Assert.All(readerTools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, t.Name));
        Assert.DoesNotContain(readerTools, t => t.Name is "start_vm" or "delete_vm" or "call_api_write");
        Assert.Contains(adminTools, t => t.Name == "start_vm");
    }

    [Theory]
    [InlineData("start_vm", """{"vmid":101}""")]
    [InlineData("delete_vm", """{"vmid":101,"confirm":"101"}""")]
    [InlineData("call_api_write", """{"method":"POST","path":"/nodes/pve1/qemu/101/status/start"}""")]
    public async Task ReadOnlyToken_CallingAWriteTool_IsRefusedAndSendsNoWrite(string tool, string arguments)
    {
        await using var server = await HttpTestServer.StartAsync();
        await using var reader = await server.ConnectAsync(HttpTestServer.Reader);
        var values = System.Text.Json.JsonDocument.Parse(arguments).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => reader.CallToolAsync(tool, values, cancellationToken: TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("read-only mode", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tool selection", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method != "GET");
    }

    [Fact]
    public async Task TokenWithToolSelection_ListsOnlyThoseTools()
    {
        await using var server = await HttpTestServer.StartAsync();
        await using var client = await server.ConnectAsync(HttpTestServer.NodesOnly);

        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(tools);
        Assert.All(tools, t => Assert.Contains("node", t.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenPolicy_CannotWidenTheServersReadOnlyMode()
    {
        await using var server = await HttpTestServer.StartAsync(s => s with { ReadOnly = true });
        await using var admin = await server.ConnectAsync(HttpTestServer.Admin);

        var tools = await admin.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, t.Name));
    }
}
