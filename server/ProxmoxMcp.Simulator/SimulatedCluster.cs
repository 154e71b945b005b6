using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Api;
using ProxmoxMcp.Simulator.Infrastructure;
using ProxmoxMcp.Simulator.Model;
using ProxmoxMcp.Simulator.Schema;

namespace ProxmoxMcp.Simulator;

/// <summary>Read-only view of a guest, for tests.</summary>
public sealed record GuestInfo(
    int Vmid,
    string Type,
    string Node,
    string Status,
    string Name,
    string? Lock,
    bool Template,
    string? Pool,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyList<string> Snapshots,
    string? SnapshotParent);

/// <summary>Read-only view of a storage volume, for tests.</summary>
public sealed record VolumeInfo(string Volid, string Storage, string? Node, string Content, string Format, long Size, int? Vmid, string? Notes, bool Protected);

/// <summary>
/// A simulated Proxmox VE 9 cluster that answers the PVE REST API (paths after /api2/json) like a real one:
/// auth, parameter verification against the official schema, PVE's error conventions, worker tasks with UPIDs,
/// a state machine for guests, storages, pools and snapshots, and fault injection. Thread-safe.
/// </summary>
public sealed class SimulatedCluster : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ClusterState _state;
    private readonly AuthService _auth;
    private bool _disposed;

    public SimulatedCluster(SimulatorOptions? options = null)
    {
        Options = options ?? new SimulatorOptions();
        Faults = new FaultInjector();
        Requests = new RequestLog(Options.RequestLogCapacity);
        _state = new ClusterState(Options, Faults);
        _auth = new AuthService(Options, Faults);
        _state.Auth = _auth;
        EstateBuilder.Build(_state);
    }

    public SimulatorOptions Options { get; }

    /// <summary>Every request received and its response.</summary>
    public RequestLog Requests { get; }

    /// <summary>The endpoints (method and schema path template) the simulator implements; every other schema path answers 501.</summary>
    public static IReadOnlyList<(string Method, string Path)> ImplementedEndpoints =>
        [.. Api.Router.Handlers.Keys.OrderBy(k => k.Path, StringComparer.Ordinal).ThenBy(k => k.Method, StringComparer.Ordinal)];

    /// <summary>Runtime-configurable faults.</summary>
    public FaultInjector Faults { get; }

    /// <summary>An in-process handler (no socket) for HttpClient; base address e.g. https://pve.sim:8006/.</summary>
    public HttpMessageHandler CreateHandler() => new SimulatedHttpMessageHandler(this);

    /// <summary>Switch a node on- or offline (offline: requests for it get 595, cluster status shows it offline).</summary>
    public void SetNodeOnline(string node, bool online)
    {
        lock (_lock)
        {
            if (!_state.NodeByName.TryGetValue(node, out var n))
            {
                throw new ArgumentException($"no such node '{node}'", nameof(node));
            }

            _state.AdvanceTasks();
            n.Online = online;
            _state.Touch();
        }
    }

    /// <summary>Set the SSL fingerprint reported for every node (the HTTPS host sets its certificate's).</summary>
    public void SetSslFingerprint(string fingerprint)
    {
        lock (_lock)
        {
            foreach (var n in _state.Nodes)
            {
                n.SslFingerprint = fingerprint;
            }

            _state.Touch();
        }
    }

    /// <summary>Mark a storage full (no space: new disks and growing ones fail as PVE's storage plugins do) or not.</summary>
    public void SetStorageFull(string storage, bool full)
    {
        lock (_lock)
        {
            var st = _state.Storage(storage) ?? throw new ArgumentException($"no such storage '{storage}'", nameof(storage));
            st.Full = full;
            _state.Touch();
        }
    }

    /// <summary>Install (or remove) qemu-guest-agent inside a guest; it answers when the VM runs with agent=1.</summary>
    public void SetAgentInstalled(int vmid, bool installed)
    {
        lock (_lock)
        {
            var g = _state.FindGuest(vmid) ?? throw new ArgumentException($"no such guest {vmid}", nameof(vmid));
            g.AgentInstalled = installed;
        }
    }

    /// <summary>Node names in cluster order.</summary>
    public IReadOnlyList<string> NodeNames
    {
        get
        {
            lock (_lock)
            {
                return _state.Nodes.Select(n => n.Name).ToList();
            }
        }
    }

    public bool IsNodeOnline(string node)
    {
        lock (_lock)
        {
            return _state.NodeByName.TryGetValue(node, out var n) && n.Online;
        }
    }

    /// <summary>All vmids.</summary>
    public IReadOnlyList<int> Vmids
    {
        get
        {
            lock (_lock)
            {
                _state.AdvanceTasks();
                return _state.Guests.Keys.ToList();
            }
        }
    }

    /// <summary>A guest's current state (tasks due by now are completed first).</summary>
    public bool TryGetGuest(int vmid, out GuestInfo guest)
    {
        lock (_lock)
        {
            _state.AdvanceTasks();
            if (!_state.Guests.TryGetValue(vmid, out var g))
            {
                guest = null!;
                return false;
            }

            guest = new GuestInfo(
                g.Vmid,
                g.TypeName,
                g.Node,
                g.Status switch { GuestStatus.Running => "running", GuestStatus.Paused => "paused", _ => "stopped" },
                g.Name,
                g.Lock,
                g.IsTemplate,
                g.Pool,
                new Dictionary<string, string>(g.Config, StringComparer.Ordinal),
                g.Snapshots.Keys.Order(StringComparer.Ordinal).ToList(),
                g.Parent);
            return true;
        }
    }

    /// <summary>All tasks (history and started ones), oldest first.</summary>
    public IReadOnlyList<SimulatedTask> Tasks
    {
        get
        {
            lock (_lock)
            {
                _state.AdvanceTasks();
                return [.. _state.Tasks];
            }
        }
    }

    public SimulatedTask? TryGetTask(string upid)
    {
        lock (_lock)
        {
            _state.AdvanceTasks();
            return _state.TaskByUpid.GetValueOrDefault(upid);
        }
    }

    /// <summary>Volumes of a storage (on a node for local storages; null node = all).</summary>
    public IReadOnlyList<VolumeInfo> GetVolumes(string storage, string? node = null)
    {
        lock (_lock)
        {
            _state.AdvanceTasks();
            return _state.Volumes
                .Where(v => v.Storage == storage && (node is null || v.Node is null || v.Node == node))
                .Select(v => new VolumeInfo(v.Volid, v.Storage, v.Node, v.Content, v.Format, v.Size, v.Vmid, v.Notes, v.Protected))
                .ToList();
        }
    }

    /// <summary>Pool id -> member vmids.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Pools
    {
        get
        {
            lock (_lock)
            {
                return _state.Pools.ToDictionary(p => p.Key, p => (IReadOnlyList<int>)p.Value.Vms.ToList(), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Handle one API request (used by <see cref="CreateHandler"/> and by the Kestrel host).</summary>
    public async Task<SimulatedResponse> HandleAsync(SimulatedRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rel = RelativePath(request.Path);
        string? faultName = null;
        foreach (var rule in Faults.Match(request.Method, rel))
        {
            if (rule.Kind == "latency" && rule.TryTake(countHit: false))
            {
                faultName = rule.ToString();
                var held = Task.Delay(rule.Latency, Options.Time, ct);
                rule.CountHit();
                await held.ConfigureAwait(false);
            }
        }

        foreach (var rule in Faults.Match(request.Method, rel))
        {
            if (rule.Kind == "latency" || !rule.TryTake())
            {
                continue;
            }

            var faulted = rule.Kind == "drop" ? SimulatedResponse.Dropped() : FaultResponse(rule);
            faulted.FaultApplied = rule.ToString();
            Log(request, rel, faulted, null, rule.ToString(), false);
            return faulted;
        }

        SimulatedResponse response;
        bool delay401;
        lock (_lock)
        {
            (response, delay401) = Process(request, rel, faultName);
        }

        if (delay401 && Options.UnauthorizedDelay > TimeSpan.Zero)
        {
            await Task.Delay(Options.UnauthorizedDelay, Options.Time, ct).ConfigureAwait(false);
        }

        response.FaultApplied = faultName;
        return response;
    }

    private static SimulatedResponse FaultResponse(FaultRule rule)
    {
        if (rule.Body is not null)
        {
            return new SimulatedResponse(rule.Status, rule.Reason ?? "", Encoding.UTF8.GetBytes(rule.Body), SimulatedResponse.JsonContentType);
        }

        if (rule.Status == 401 || rule.Status >= 595 || rule.Status < 400)
        {
            return SimulatedResponse.Empty(rule.Status, rule.Reason ?? "");
        }

        return SimulatedResponse.FromJson(rule.Status, FirstLine(rule.Reason ?? ""), new JsonObject { ["data"] = null, ["message"] = (rule.Reason ?? "") + "\n" });
    }

    private static string RelativePath(string path)
    {
        var p = path;
        var q = p.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            p = p[..q];
        }

        if (p.StartsWith("/api2/json", StringComparison.Ordinal))
        {
            p = p["/api2/json".Length..];
        }

        try
        {
            p = Uri.UnescapeDataString(p);
        }
        catch (UriFormatException)
        {
        }

        if (p.Length == 0 || p[0] != '/')
        {
            p = "/" + p;
        }

        return p;
    }

    private (SimulatedResponse Response, bool Delay401) Process(SimulatedRequest request, string rel, string? faultName)
    {
        _state.AdvanceTasks();
        var method = request.Method;
        if (method != "GET")
        {
            _state.Touch();
        }

        var rawQuery = request.Query.Length > 0 ? request.Query
            : request.Path.Contains('?', StringComparison.Ordinal) ? request.Path[(request.Path.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var query = FormDecoder.Decode(rawQuery);
        var contentType = request.Header("Content-Type") ?? "";
        var isJson = contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        List<KeyValuePair<string, string>> bodyPairs = [];
        JsonObject? jsonBody = null;
        string? rawBody = null;
        var hasBody = !string.IsNullOrEmpty(request.Body);
        if (hasBody && method is "POST" or "PUT")
        {
            if (isJson)
            {
                try
                {
                    jsonBody = JsonNode.Parse(request.Body!) as JsonObject;
                }
                catch (JsonException)
                {
                }

                if (jsonBody is null)
                {
                    rawBody = request.Body;
                }
            }
            else
            {
                bodyPairs = FormDecoder.Decode(request.Body!);
            }
        }
        else if (hasBody)
        {
            rawBody = request.Body;
        }

        var entry = new RequestLogEntry
        {
            Time = _state.Now,
            Method = method,
            Path = rel,
            Query = query,
            Body = bodyPairs,
            JsonBody = jsonBody?.ToJsonString(),
            RawBody = rawBody,
            Fault = faultName,
        };

        var delay401 = false;
        SimulatedResponse response;
        try
        {
            response = Dispatch(request, rel, method, query, bodyPairs, jsonBody, hasBody, entry);
        }
        catch (PveException ex)
        {
            response = ErrorResponse(ex);
            delay401 = ex.Status == 401;
        }
#pragma warning disable CA1031 // an unexpected bug must become a 500 answer, not a crashed server
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            response = ErrorResponse(new PveException(500, "internal simulator error: " + ex.Message));
        }

        entry.Status = response.Status;
        entry.Reason = response.ReasonPhrase;
        if (response.Body.Length <= Options.RequestLogMaxBodyBytes)
        {
            entry.ResponseBody = response.BodyText;
        }
        else
        {
            entry.ResponseBodyOmitted = true;
        }
        Requests.Add(entry);
        return (response, delay401);
    }

    private SimulatedResponse Dispatch(
        SimulatedRequest request,
        string rel,
        string method,
        List<KeyValuePair<string, string>> query,
        List<KeyValuePair<string, string>> bodyPairs,
        JsonObject? jsonBody,
        bool hasBody,
        RequestLogEntry entry)
    {
        if (method is not ("GET" or "POST" or "PUT" or "DELETE" or "HEAD"))
        {
            return SimulatedResponse.PlainText(501, $"method '{method}' not available", $"method '{method}' not available");
        }

        // 1. authentication (pve-http-server auth_handler)
        var principal = Authenticate(request, rel, method);
        entry.User = principal.UserId.Length > 0 ? principal.UserId : null;

        // 2. GET/DELETE with content
        if (hasBody && method is "GET" or "DELETE" or "HEAD")
        {
            entry.RejectedBySchema = true;
            var msg = $"Unexpected content for method '{method}'";
            return SimulatedResponse.PlainText(501, msg, msg);
        }

        // 3. find the handler
        var schema = ApiSchema.Instance;
        var match = schema.Match(rel);
        if (match is null || !match.Methods.TryGetValue(method, out var ep))
        {
            entry.RejectedBySchema = true;
            throw new PveException(501, $"Method '{method} {rel}' not implemented");
        }

        if (!ep.Implemented || !Router.Handlers.TryGetValue((method, ep.Path), out var handler))
        {
            throw new PveException(501, $"Method '{method} {rel}' not implemented by the simulator (known to Proxmox VE)");
        }

        // 4. parameters: body, then query on top; path params must not conflict
        var values = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        if (jsonBody is not null)
        {
            foreach (var (k, v) in jsonBody)
            {
                if (v is null)
                {
                    continue;
                }

                values[k] = v switch
                {
                    JsonArray arr => ParamValue.OfList(arr.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var s) ? s : x?.ToJsonString() ?? "").ToList()),
                    JsonObject => ParamValue.Object(),
                    JsonValue jv when jv.GetValueKind() == JsonValueKind.True => ParamValue.JsonBool(true),
                    JsonValue jv when jv.GetValueKind() == JsonValueKind.False => ParamValue.JsonBool(false),
                    JsonValue jv when jv.TryGetValue<string>(out var s) => ParamValue.Of(s),
                    _ => ParamValue.Of(v.ToJsonString()),
                };
            }
        }

        AddPairs(values, bodyPairs);
        var queryValues = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        AddPairs(queryValues, query);
        foreach (var (k, v) in queryValues)
        {
            values[k] = v;
        }

        values.Remove("_dc");
        foreach (var (k, v) in match.PathParams)
        {
            if (values.TryGetValue(k, out var given) && given.AsText() != v)
            {
                entry.RejectedBySchema = true;
                throw PveException.Param(k, "duplicate parameter (already defined in URI) with conflicting values!");
            }

            values[k] = ParamValue.Of(v);
        }

        // 5. token allowed? permissions (before the proxy and the parameter check, like rest_handler)
        if (principal.ViaApiToken && !ep.AllowToken)
        {
            throw PveException.Perm($"URI '{rel}' not available with API token, need proper ticket.\n");
        }

        Permissions.CheckApi2(ep, principal, values);

        // 6. proxy to the node
        if (ep.ProxyTo is { } proxyParam && values.TryGetValue(proxyParam, out var nodeValue))
        {
            var node = nodeValue.AsText();
            if (!_state.NodeByName.TryGetValue(node, out var n))
            {
                throw PveException.Die($"hostname lookup '{node}' failed - failed to get address info for: {node}: Name or service not known");
            }

            if (!n.Online)
            {
                throw new PveException(595, "No route to host", emptyBody: true);
            }
        }

        // 7. parameter verification
        var errors = ParameterValidator.Validate(ep, values);
        if (errors.Count > 0)
        {
            entry.RejectedBySchema = true;
            throw PveException.Param(errors);
        }

        var ctx = new ApiContext(_state, principal, method, ep.Path, values.ToDictionary(kv => kv.Key, kv => kv.Value.AsText(), StringComparer.Ordinal));
        var data = handler(ctx);
        if (ctx.RawData is { } raw)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(raw.Length + 32);
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            {
                w.WriteStartObject();
                w.WritePropertyName("data");
                w.WriteRawValue(raw.Span, skipInputValidation: true);
                if (ctx.Total is int t && t != 0)
                {
                    w.WriteNumber("total", t);
                }

                w.WriteEndObject();
            }

            return new SimulatedResponse(200, "OK", buffer.WrittenSpan.ToArray(), SimulatedResponse.JsonContentType);
        }

        var envelope = new JsonObject { ["data"] = data };
        if (ctx.Total is int total && total != 0)
        {
            envelope["total"] = total;
        }

        return SimulatedResponse.FromJson(200, "OK", envelope);
    }

    private static void AddPairs(Dictionary<string, ParamValue> values, List<KeyValuePair<string, string>> pairs)
    {
        var grouped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs)
        {
            if (!grouped.TryGetValue(k, out var list))
            {
                grouped[k] = list = [];
            }

            list.Add(v);
        }

        foreach (var (k, list) in grouped)
        {
            values[k] = list.Count == 1 ? ParamValue.Of(list[0]) : ParamValue.OfList(list);
        }
    }

    private Principal Authenticate(SimulatedRequest request, string rel, string method)
    {
        if (!Options.RequireAuthentication)
        {
            return _auth.PrincipalFor("root@pam");
        }

        var cookie = request.Header("Cookie");
        var authorization = request.Header("Authorization");
        var ticket = AuthService.ExtractAuthValue(cookie, "PVEAuthCookie") ?? AuthService.ExtractAuthValue(authorization, "PVEAuthCookie");
        var apiToken = ticket is null ? AuthService.ExtractAuthValue(authorization, "PVEAPIToken") : null;
        var requireAuth = !((rel == "/access/domains" && method == "GET") || (rel == "/access/ticket" && method is "GET" or "POST"));
        if (!requireAuth)
        {
            return new Principal("", []) { ViaApiToken = apiToken is not null, Ticket = ticket };
        }

        if (apiToken is not null)
        {
            var tokenUser = AuthService.VerifyApiToken(apiToken) ?? throw new PveException(401, "Authentication failed!", emptyBody: true);
            return _auth.PrincipalFor(tokenUser, viaToken: true);
        }

        if (ticket is null)
        {
            throw new PveException(401, "No ticket", emptyBody: true);
        }

        var user = _auth.VerifyTicket(ticket, _state.Now);
        if (user is null || !_auth.CountTicketUse(ticket))
        {
            throw new PveException(401, "Authentication failed!", emptyBody: true);
        }

        if (method != "GET" && !_auth.VerifyCsrf(user, request.Header("CSRFPreventionToken"), _state.Now))
        {
            throw new PveException(401, "Permission denied - invalid csrf token", emptyBody: true);
        }

        return _auth.PrincipalFor(user, ticket: ticket);
    }

    internal AuthService Auth => _auth;

    internal static SimulatedResponse ErrorResponse(PveException ex)
    {
        var reason = FirstLine(ex.Message);
        if (ex.EmptyBody)
        {
            return SimulatedResponse.Empty(ex.Status, reason);
        }

        var message = ex.Message;
        if (!message.EndsWith('\n') && !(ex.Status == 501 && message.StartsWith("Method '", StringComparison.Ordinal)))
        {
            message += "\n";
        }

        var body = new JsonObject { ["data"] = null, ["message"] = message };
        if (ex.Errors is { Count: > 0 } errors)
        {
            var eo = new JsonObject();
            foreach (var (k, v) in errors)
            {
                eo[k] = v;
            }

            body["errors"] = eo;
        }

        return SimulatedResponse.FromJson(ex.Status, reason, body);
    }

    internal static string FirstLine(string message)
    {
        var nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl >= 0 ? message[..nl] : message;
    }

    private void Log(SimulatedRequest request, string rel, SimulatedResponse response, string? user, string? fault, bool rejected)
    {
        var isJson = (request.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        var hasBody = !string.IsNullOrEmpty(request.Body);
        Requests.Add(new RequestLogEntry
        {
            Time = Options.Time.GetUtcNow(),
            Method = request.Method,
            Path = rel,
            Query = FormDecoder.Decode(request.Query),
            Body = hasBody && !isJson && request.Method is "POST" or "PUT" ? FormDecoder.Decode(request.Body!) : [],
            JsonBody = hasBody && isJson ? request.Body : null,
            User = user,
            Status = response.Status,
            Reason = response.ReasonPhrase,
            ResponseBody = response.BodyText,
            Dropped = response.DropConnection,
            Fault = fault,
            RejectedBySchema = rejected,
        });
    }

    public void Dispose()
    {
        _disposed = true;
    }
}
