using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Guests;

/// <summary>
/// Reading the simulated cluster's state and request log in guest tests. The demo estate: VMs 100 web01 (running,
/// pve1), 101 db01 (running, protected, HA), 106 test-vm (stopped, pve1), 9000 a VM template; containers 200 dns01
/// (running, pve1), 204 wiki (stopped, pve1), 9100 a container template (pve2).
/// </summary>
internal static class GuestTestSupport
{
    public const string DebianTemplate = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst";

    public static GuestInfo Guest(this SimulatedServer server, int vmid) =>
        server.Cluster.TryGetGuest(vmid, out var guest) ? guest : throw new Xunit.Sdk.XunitException($"the simulator has no guest {vmid}");

    public static bool HasGuest(this SimulatedServer server, int vmid) => server.Cluster.TryGetGuest(vmid, out _);

    /// <summary>Requests that change something (every method but GET), in order.</summary>
    public static List<RequestLogEntry> Changes(this SimulatedServer server) =>
        server.Cluster.Requests.Entries.Where(e => e.Method != "GET").ToList();

    /// <summary>The one change request with this method and path.</summary>
    public static RequestLogEntry Change(this SimulatedServer server, string method, string path) =>
        Assert.Single(server.Changes(), e => e.Method == method && e.Path == path);

    /// <summary>A form or query parameter of a request, or null.</summary>
    public static string? Param(this RequestLogEntry entry, string name) =>
        entry.Body.Concat(entry.Query).Where(kv => kv.Key == name).Select(kv => (string?)kv.Value).FirstOrDefault();

    /// <summary>Calls a tool and asserts the simulator received no request at all (refused while checking arguments).</summary>
    public static async Task<CallToolResult> CallWithoutRequestsAsync(this SimulatedServer server, string tool, object arguments)
    {
        var before = server.Cluster.Requests.Count;
        var result = await server.CallAsync(tool, arguments);
        Assert.Equal(before, server.Cluster.Requests.Count);
        return result;
    }

    /// <summary>Calls a tool and asserts it sent nothing that changes state (reads only).</summary>
    public static async Task<CallToolResult> CallWithoutChangesAsync(this SimulatedServer server, string tool, object arguments)
    {
        var before = server.Changes().Count;
        var result = await server.CallAsync(tool, arguments);
        Assert.Equal(before, server.Changes().Count);
        return result;
    }

    public static string? String(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The status of a TaskReport or ConfigChangeOutput result: completed, started, done, updated, unchanged...</summary>
    public static string? Status(this CallToolResult result) => result.Structured().String("status");

    /// <summary>Ids of guests that exist now but not in <paramref name="before"/>.</summary>
    public static int NewGuest(this SimulatedServer server, IReadOnlyList<int> before) =>
        Assert.Single(server.Cluster.Vmids.Except(before));

    /// <summary>A client that supports elicitation and answers every confirmation request with <paramref name="accept"/>.</summary>
    public static McpClientOptions ElicitingClient(bool accept) => new()
    {
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (_, _) => ValueTask.FromResult(accept
                ? new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } }
                : new ElicitResult { Action = "decline" }),
        },
    };
}
