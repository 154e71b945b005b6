using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

var builder = Host.CreateEmptyApplicationBuilder(settings: null);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddMcpServer().WithStdioServerTransport().WithTools<Ping>();
await builder.Build().RunAsync();

[McpServerToolType]
internal sealed class Ping
{
    [McpServerTool(Name = "ping_me", Title = "Ping", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Returns pong.")]
    public static string PingMe() => "pong";
}
