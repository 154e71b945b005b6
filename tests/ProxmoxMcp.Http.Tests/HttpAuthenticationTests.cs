using System.Net;
using ModelContextProtocol;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpAuthenticationTests
{
    private const string StartVm = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"start_vm","arguments":{"vmid":101}}}""";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("admin-token-secret")]
    public async Task ToolCall_WithoutAValidBearerToken_Gets401AndReachesNoProxmox(string? authorization)
    {
        await using var server = await HttpTestServer.StartAsync();

        using var initialize = await server.PostAsync(HttpTestServer.Initialize(), authorization);
        using var call = await server.PostAsync(StartVm, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, initialize.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.StartsWith("Bearer", call.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task Session_WithWrongToken_CannotConnect()
    {
        await using var server = await HttpTestServer.StartAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync("not-a-token"));
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task Session_WithValidToken_CallsToolsAgainstTheCluster()
    {
        await using var server = await HttpTestServer.StartAsync();
        await using var client = await server.ConnectAsync(HttpTestServer.Admin);

        var result = await client.CallToolAsync("get_nodes", cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, result.IsError);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path.EndsWith("/nodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_UsedWithAnotherToken_IsRefused()
    {
        await using var server = await HttpTestServer.StartAsync();
        using var initialize = await server.PostAsync(HttpTestServer.Initialize(), $"Bearer {HttpTestServer.Reader}");
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();

        using var client = server.NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new StringContent(StartVm, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {HttpTestServer.Admin}");
        request.Headers.TryAddWithoutValidation("Mcp-Session-Id", sessionId);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: the admin token used the reader's session");
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method != "GET");
    }

    [Fact]
    public async Task Request_LargerThanTheBodyLimit_Gets413()
    {
        await using var server = await HttpTestServer.StartAsync();
        var padding = new string('x', 128 * 1024);

        using var response = await server.PostAsync(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + padding + "\"}}", $"Bearer {HttpTestServer.Admin}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ToolCall_OverTls_Works()
    {
        using var certificate = TestCertificate.Create();
        await using var server = await HttpTestServer.StartAsync(certificate: certificate);
        await using var client = await server.ConnectAsync(HttpTestServer.Admin);

        var result = await client.CallToolAsync("get_nodes", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("https", server.Endpoint.Scheme);
        Assert.NotEqual(true, result.IsError);
    }
}
