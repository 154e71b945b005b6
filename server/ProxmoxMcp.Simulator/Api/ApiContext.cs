using System.Globalization;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Infrastructure;
using ProxmoxMcp.Simulator.Model;

namespace ProxmoxMcp.Simulator.Api;

/// <summary>Everything a handler needs: the state, the caller, the validated parameters.</summary>
internal sealed class ApiContext
{
    public ApiContext(ClusterState state, Principal principal, string method, string template, Dictionary<string, string> parameters)
    {
        S = state;
        P = principal;
        Method = method;
        Template = template;
        Params = parameters;
    }

    public ClusterState S { get; }

    public Principal P { get; }

    public string Method { get; }

    public string Template { get; }

    public Dictionary<string, string> Params { get; }

    /// <summary>Pre-serialized JSON of the data (large lists); when set, the handler's return value is ignored.</summary>
    public ReadOnlyMemory<byte>? RawData { get; set; }

    /// <summary>PVE's "total" result attribute (omitted when 0).</summary>
    public int? Total { get; set; }

    public string Node => Params["node"];

    public SimNode NodeObj => S.NodeByName[Node];

    public int Vmid => int.Parse(Params["vmid"], CultureInfo.InvariantCulture);

    public DateTimeOffset Now => S.Now;

    public string User => P.UserId;

    public bool Has(string name) => Params.ContainsKey(name);

    public string? Str(string name) => Params.TryGetValue(name, out var v) ? v : null;

    public bool Flag(string name) => Params.TryGetValue(name, out var v) && v == "1";

    public int? Int(string name) =>
        Params.TryGetValue(name, out var v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? (int)Math.Clamp(l, int.MinValue, int.MaxValue) : null;

    /// <summary>rpcenv->check: all privileges on the path, else 403 "Permission check failed (path, priv)".</summary>
    public void Check(string path, params string[] privs)
    {
        foreach (var priv in privs)
        {
            if (!P.Has(path, priv))
            {
                throw PveException.Perm($"{path}, {priv}");
            }
        }
    }

    /// <summary>rpcenv->check_any.</summary>
    public void CheckAny(string path, params string[] privs)
    {
        if (!privs.Any(p => P.Has(path, p)))
        {
            throw PveException.Perm($"{path}, {string.Join('|', privs)}");
        }
    }

    public bool Can(string path, string priv) => P.Has(path, priv);

    /// <summary>Start a worker task on the request's node as the caller; returns the UPID as the response data.</summary>
    public JsonNode Task(string type, string id, Action<TaskContext>? complete = null, Action<bool>? onEnd = null, IEnumerable<string>? log = null, string? failure = null) =>
        S.StartTask(Node, type, id, User, complete, onEnd, log, failure).Upid;
}

/// <summary>Builders for PVE-style JSON (numbers as numbers, booleans as 0/1, optional fields omitted).</summary>
internal static class J
{
    public static JsonObject Obj() => [];

    /// <summary>JsonArray.Add(JsonNode) (avoids the reflection-based generic Add&lt;T&gt; overload).</summary>
    public static void Push(this JsonArray a, JsonNode? node) => a.Add(node);

    public static JsonObject Set(this JsonObject o, string key, string? value)
    {
        if (value is not null)
        {
            o[key] = value;
        }

        return o;
    }

    public static JsonObject Set(this JsonObject o, string key, long value)
    {
        o[key] = value;
        return o;
    }

    public static JsonObject Set(this JsonObject o, string key, double value)
    {
        o[key] = Math.Round(value, 6);
        return o;
    }

    public static JsonObject Set(this JsonObject o, string key, JsonNode? value)
    {
        if (value is not null)
        {
            o[key] = value;
        }

        return o;
    }

    public static JsonObject Bool(this JsonObject o, string key, bool value)
    {
        o[key] = value ? 1 : 0;
        return o;
    }

    /// <summary>A config value typed as in the schema's returns (integer/number/boolean as numbers).</summary>
    public static JsonNode? Typed(string value, string? type)
    {
        switch (type)
        {
            case "integer":
            case "boolean":
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                break;
            case "number":
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? (JsonNode)(long)d : d;
                }

                break;
        }

        return value;
    }
}
