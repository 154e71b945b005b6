using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting.Protocol;
using ProxmoxMcp.Server.Prompts;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// Builds the MCP server: stdio (or given streams) behind the protocol guard, the selected tools, the error filter,
/// logs on stderr only.
/// </summary>
public static class ServerHost
{
    public static string Version { get; } =
        typeof(ServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="settings">The merged settings.</param>
    /// <param name="input">Where requests come from; stdin when null.</param>
    /// <param name="output">Where replies go; stdout when null.</param>
    /// <param name="configure">Last word on the services (tests replace the simulated cluster or the clock here).</param>
    public static IHost Build(ServerSettings settings, Stream? input = null, Stream? output = null, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        // stdout carries protocol bytes only.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.AddSingleton(settings);
        builder.Services.AddProxmoxBackend(settings);
        builder.Services.AddSingleton<GuestLocator>();
        builder.Services.AddSingleton<TaskRunner>();
        builder.Services.AddSingleton<Confirmation>();
        builder.Services.AddSingleton<Tools.Guests.GuestOperations>();
        builder.Services.AddToolClasses();

        var offered = ToolSelection.Apply(ToolCatalog.All, settings);
        var mcp = builder.Services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = "proxmox-mcp", Title = "Proxmox VE", Version = Version };
                o.ServerInstructions = Instructions(settings, offered);
            })
            .WithTools(offered.Select(t => t.Tool))
            .WithPrompts(ProxmoxPrompts.All)
            .WithRequestFilters(filters =>
            {
                filters.AddCallToolFilter(ToolErrorFilter.Wrap);
                filters.AddCallToolFilter(MemoryTrim.Wrap);
            });
        configure?.Invoke(builder.Services);
        var guard = new ProtocolGuard(input ?? Console.OpenStandardInput(), output ?? Console.OpenStandardOutput());
        builder.Services.AddSingleton(guard);
        builder.Services.AddHostedService<ProtocolGuardService>();
        mcp.WithStreamServerTransport(guard.ServerInput, guard.ServerOutput);
        return builder.Build();
    }

    private static string Instructions(ServerSettings settings, IReadOnlyList<ToolDefinition> offered) =>
        "Manages a Proxmox VE cluster. A vmid identifies a guest cluster-wide; 'vm' tools act on QEMU VMs, 'container' tools on LXC " +
        "containers. node may be omitted wherever a vmid is given (it is found). Tools that start a Proxmox task wait for it and report " +
        "the outcome; wait=false returns the task's UPID for wait_for_task. Destructive tools need the user's consent: ask the user, then " +
        "call again with confirm set to the target the tool names (vmid, snapshot name, pool id...). Lists are sorted and paged: limit " +
        "(default 20, max 500) and offset. Start with get_cluster_resources to see what exists and where. For anything no tool covers " +
        "(firewall, HA, Ceph, replication, network, users...), find_api finds the Proxmox VE API endpoint, describe_api shows its " +
        "parameters, call_api reads it and call_api_write changes it." +
        Selection(offered) +
        (settings.ReadOnly ? " Read-only mode: only tools that change nothing are offered." : "") +
        (settings.Simulate ? " This is a SIMULATED cluster (demo data), not a real Proxmox." : "");

    private static string Selection(IReadOnlyList<ToolDefinition> offered)
    {
        var others = ToolCatalog.All.Count(t => !offered.Any(o => o.Name == t.Name));
        return others == 0
            ? ""
            : $" {others} more tools exist (toolsets: {string.Join(", ", Toolsets.Names)}); the user can offer them by starting the server " +
              $"with --tools all (or PROXMOX_MCP_TOOLS=all, or named toolsets).";
    }
}
