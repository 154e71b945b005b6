using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Audit;
using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.DryRun;
using ProxmoxMcp.Server.Hosting.Protocol;
using ProxmoxMcp.Server.Prompts;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// Builds the MCP server: stdio (or given streams) behind the protocol guard, the selected tools, the error filter,
/// logs on stderr only. No generic host and no DI container at start-up: socat starts one process per connection,
/// and those were most of the CPU before the first reply. The services tools need are built at the first tool call
/// (<see cref="ServerServices"/>).
/// </summary>
public static class ServerHost
{
    public static string Version { get; } =
        typeof(ServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="settings">The merged settings.</param>
    /// <param name="input">Where requests come from; stdin when null.</param>
    /// <param name="output">Where replies go; stdout when null.</param>
    /// <param name="configure">Last word on the default cluster's services, built at its first tool call (tests replace its simulated cluster or the clock here; other clusters are built from their own settings).</param>
    public static ServerApp Build(ServerSettings settings, Stream? input = null, Stream? output = null, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loggers = new LoggerFactory([new StderrLoggerProvider()], new LoggerFilterOptions { MinLevel = settings.LogLevel });
        // Before any thread could read the environment natively (setenv is not safe against a concurrent getenv).
        SystemTrustStore.SkipWhenUnused(settings.Clusters);
        var services = new ServerServices(settings, loggers, configure);
        var tools = ToolSelection.Apply(ToolCatalog.All, settings);
        StartupTrace.Mark("catalog-loaded");
        var options = new McpServerOptions();
        Configure(options, settings, tools);
        options.Filters.Request.CallToolFilters.Add(MemoryTrim.Wrap);

        var guard = new ProtocolGuard(input ?? Console.OpenStandardInput(), output ?? Console.OpenStandardOutput());
        var transport = new StreamServerTransport(guard.ServerInput, guard.ServerOutput, "proxmox-mcp", loggers);
        var server = McpServer.Create(transport, options, loggers, services);
        StartupTrace.Mark("server-built");
        return new ServerApp(guard, transport, server, services, loggers);
    }

    /// <summary>
    /// What every session gets, on stdio and over HTTP: server info, instructions, the offered tools, the prompts
    /// and the error filter. <paramref name="settings"/> are the session's (over HTTP, narrowed by the token's policy).
    /// </summary>
    public static void Configure(McpServerOptions options, ServerSettings settings, IReadOnlyList<ToolDefinition> tools)
    {
        options.ServerInfo = new Implementation { Name = "proxmox-mcp", Title = "Proxmox VE", Version = Version };
        options.ServerInstructions = Instructions(settings, tools);
        options.ToolCollection = [.. tools.Select(t => t.Tool)];
        options.PromptCollection = [.. ProxmoxPrompts.All];
        // Outermost first: the audit sees the call (cluster included) and the result as the model does; the list
        // rendering sees whole pages (a cluster=* page is merged first); the cluster filter then picks the cluster's
        // services, inside it the error mapping and the dry run work per cluster.
        options.Filters.Request.CallToolFilters.Add(AuditFilter.Wrap);
        options.Filters.Request.CallToolFilters.Add(ListRendering.For(settings));
        options.Filters.Request.CallToolFilters.Add(ClusterFilter.Wrap);
        options.Filters.Request.CallToolFilters.Add(ToolErrorFilter.For(settings));
        options.Filters.Request.CallToolFilters.Add(DryRunFilter.Wrap);
        options.Filters.Request.CallToolFilters.Add(CurrentToolCall.Wrap);
    }

    private static string Instructions(ServerSettings settings, IReadOnlyList<ToolDefinition> offered) =>
        "Manages a Proxmox VE cluster. A vmid identifies a guest cluster-wide; 'vm' tools act on QEMU VMs, 'container' tools on LXC " +
        "containers. node may be omitted wherever a vmid is given (it is found). Tools that start a Proxmox task wait for it and report " +
        "the outcome; wait=false returns the task's UPID for wait_for_task. Destructive tools need the user's consent: ask the user, then " +
        "call again with confirm set to the target the tool names (vmid, snapshot name, pool id...). dry_run=true on a tool that changes something returns the Proxmox request it would send instead of sending it. Lists are sorted and paged: limit " +
        "(default 20, max 500) and offset. Start with get_cluster_resources to see what exists and where. For anything the offered tools do not cover, " +
        "find_api finds the Proxmox VE API endpoint, describe_api shows its " +
        "parameters, call_api reads it and call_api_write changes it." +
        Selection(offered) +
        ClusterArgument.Instructions(settings) +
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
