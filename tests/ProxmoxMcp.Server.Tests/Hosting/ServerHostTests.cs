using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Hosting;

/// <summary>The server as ServerHost builds it, spoken to line by line over pipes: what it builds when, and which requests it answers.</summary>
public sealed class ServerHostTests : IAsyncDisposable
{
    private const string Meta = "\"_meta\":" +
        """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"test","version":"1"}}""";

    private readonly Pipe toServer = new();
    private readonly Pipe toClient = new();
    private readonly SimulatedCluster cluster = new(new SimulatorOptions { TaskDuration = TimeSpan.FromMilliseconds(50) });
    private readonly CancellationTokenSource stopping = new();
    private readonly ServerApp server;
    private readonly Task running;
    private readonly StreamReader replies;

    public ServerHostTests()
    {
        var settings = new ServerSettings { Proxmox = new ProxmoxOptions(), Simulate = true, TaskTimeout = TimeSpan.FromSeconds(10) };
        server = ServerHost.Build(settings, toServer.Reader.AsStream(), toClient.Writer.AsStream(), s => s.AddSingleton(cluster));
        running = server.RunAsync(stopping.Token);
        replies = new StreamReader(toClient.Reader.AsStream());
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<JsonElement> RequestAsync(int id, string method, string parameters)
    {
        var line = $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""" + "\n";
        await toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(line), Token);
        while (true)
        {
            var reply = await replies.ReadLineAsync(Token) ?? throw new InvalidOperationException("the server closed its output");
            var message = JsonDocument.Parse(reply).RootElement;
            if (message.TryGetProperty("id", out var replyId) && replyId.ValueKind == JsonValueKind.Number && replyId.GetInt32() == id)
            {
                return message;
            }
        }
    }

    [Fact]
    public async Task Server_BeforeTheFirstToolCall_BuildsNoProxmoxHttpStack()
    {
        var init = await RequestAsync(1, "initialize", """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}""");
        Assert.Equal("proxmox-mcp", init.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        await toServer.Writer.WriteAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray().Append((byte)'\n').ToArray(), Token);
        var tools = await RequestAsync(2, "tools/list", "{}");
        Assert.NotEmpty(tools.GetProperty("result").GetProperty("tools").EnumerateArray());
        var prompts = await RequestAsync(3, "prompts/list", "{}");
        Assert.NotEmpty(prompts.GetProperty("result").GetProperty("prompts").EnumerateArray());

        Assert.False(server.Services.IsContainerBuilt, "the Proxmox client's services were built before any tool was called");

        var call = await RequestAsync(4, "tools/call", """{"name":"get_nodes","arguments":{}}""");
        Assert.False(call.GetProperty("result").TryGetProperty("isError", out var isError) && isError.GetBoolean(), call.ToString());
        Assert.True(server.Services.IsContainerBuilt);
        Assert.Contains(cluster.Requests.Entries, r => r.Path.EndsWith("/nodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_StatelessDiscoverAndToolCallWithoutInitialize_AreAnswered()
    {
        var discover = await RequestAsync(1, "server/discover", $$"""{{{Meta}}}""");
        Assert.False(discover.TryGetProperty("error", out _), discover.ToString());
        Assert.True(discover.TryGetProperty("result", out _), discover.ToString());

        var call = await RequestAsync(2, "tools/call", $$"""{"name":"get_nodes","arguments":{},{{Meta}}}""");
        Assert.False(call.TryGetProperty("error", out _), call.ToString());
        var result = call.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), call.ToString());
        Assert.Contains("pve1", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await toServer.Writer.CompleteAsync();
        await stopping.CancelAsync();
        await running;
        await server.DisposeAsync();
        stopping.Dispose();
        cluster.Dispose();
        replies.Dispose();
    }
}
