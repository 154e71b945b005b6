using System.Text.Json.Nodes;

namespace ProxmoxMcp.Simulator.Api;

/// <summary>The simulator's handlers, keyed by (method, schema path template).</summary>
internal static partial class Router
{
    private static readonly Lazy<Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>>> LazyHandlers = new(Build);

    public static Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> Handlers => LazyHandlers.Value;

    private static Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> Build()
    {
        var d = new Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>>();
        RegisterCluster(d);
        RegisterGuests(d);
        RegisterStorage(d);
        RegisterAgent(d);
        RegisterOperations(d);
        RegisterLogsAndNetwork(d);
        return d;
    }
}
