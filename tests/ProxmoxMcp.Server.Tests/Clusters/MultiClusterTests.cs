using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Clusters;

/// <summary>
/// Two simulated clusters served by one server through a real MCP client: "default" (the demo estate, this test's
/// simulator) and "lab" (a generated estate whose vmids 100-111 overlap the demo's). Each simulator's request log
/// shows which cluster a call reached.
/// </summary>
public class MultiClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SimulatedServer> StartAsync(Func<ServerSettings, ServerSettings>? adjust = null, McpClientOptions? client = null, params ClusterSettings[] others) =>
        SimulatedServer.StartAsync(
            s =>
            {
                // Adjusted first: the default cluster is made of the single-cluster settings (its protection lists too).
                var one = s with { Confirmation = ConfirmationMode.Argument };
                return TwoClusters.With(adjust?.Invoke(one) ?? one, others);
            },
            clientOptions: client);

    /// <summary>A vmid that is a running, non-template QEMU VM on both clusters.</summary>
    private static int RunningVmOnBoth(SimulatedCluster a, SimulatedCluster b) =>
        a.Vmids.Where(v => IsRunningVm(a, v) && IsRunningVm(b, v)).DefaultIfEmpty(-1).First() is var vmid and > 0
            ? vmid
            : throw new Xunit.Sdk.XunitException("no vmid is a running VM on both clusters");

    private static bool IsRunningVm(SimulatedCluster cluster, int vmid) =>
        cluster.TryGetGuest(vmid, out var g) && g.Type == "qemu" && !g.Template && g.Status == "running";

    [Fact]
    public async Task ToolsList_WithOneCluster_HasNoClusterArgumentAndNoListClusters()
    {
        await using var server = await SimulatedServer.StartAsync();

        var tools = await server.Client.ListToolsAsync(cancellationToken: Ct);

        Assert.DoesNotContain(tools, t => t.Name == ClusterArgument.ListToolName);
        Assert.All(tools, t => Assert.False(t.ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("cluster", out _), t.Name));
    }

    [Fact]
    public async Task ToolsList_WithTwoClusters_EveryToolTakesClusterNamingThem_AndStarOnlyWhereItSpans()
    {
        await using var server = await StartAsync();

        var tools = await server.Client.ListToolsAsync(cancellationToken: Ct);

        Assert.Contains(tools, t => t.Name == ClusterArgument.ListToolName);
        foreach (var tool in tools.Where(t => t.Name != ClusterArgument.ListToolName))
        {
            var cluster = tool.ProtocolTool.InputSchema.GetProperty("properties").GetProperty("cluster");
            var names = cluster.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
            var expected = ClusterArgument.SpanningTools.ContainsKey(tool.Name) ? new[] { "default", "lab", "*" } : ["default", "lab"];
            Assert.Equal(expected, names);
            Assert.False(cluster.TryGetProperty("description", out _), $"{tool.Name}: the cluster argument is described once, in the instructions");
        }

        Assert.Contains("cluster: which cluster (default default); results name it", server.Client.ServerInstructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_AreBuiltOnlyForTheClusterACallUses()
    {
        await using var server = await StartAsync();
        var clusters = ((ServerServices)server.Services).Clusters;
        await server.Client.ListToolsAsync(cancellationToken: Ct);
        Assert.False(clusters.AnyBuilt);

        (await server.CallAsync("get_nodes", new { cluster = "lab" })).AssertSuccess();

        Assert.True(clusters.IsBuilt("lab"));
        Assert.False(clusters.IsBuilt("default"), "the default cluster's services were built for a call on lab");
    }

    [Fact]
    public async Task GetVm_SameVmidOnEachCluster_ReadsEachClustersOwnGuestAndNamesTheCluster()
    {
        await using var server = await StartAsync();
        var lab = server.Simulator("lab");
        var vmid = RunningVmOnBoth(server.Cluster, lab);
        var demoName = server.Guest(vmid).Name;
        Assert.True(lab.TryGetGuest(vmid, out var labGuest));

        var onDefault = (await server.CallCheckedAsync("get_vm", new { vmid })).AssertSuccess();
        var labBefore = lab.Requests.TotalCount;
        var onLab = (await server.CallCheckedAsync("get_vm", new { vmid, cluster = "lab" })).AssertSuccess();

        Assert.StartsWith("[cluster default] ", onDefault.Text(), StringComparison.Ordinal);
        Assert.StartsWith("[cluster lab] ", onLab.Text(), StringComparison.Ordinal);
        Assert.Equal(demoName, onDefault.Structured().String("name"));
        Assert.Equal(labGuest.Name, onLab.Structured().String("name"));
        Assert.NotEqual(demoName, labGuest.Name);
        Assert.Equal("lab", onLab.Structured().String("cluster"));
        Assert.True(lab.Requests.TotalCount > labBefore);
    }

    [Fact]
    public async Task StopVm_OnLab_StopsLabsGuestOnly()
    {
        await using var server = await StartAsync();
        var lab = server.Simulator("lab");
        var vmid = RunningVmOnBoth(server.Cluster, lab);
        var defaultBefore = server.Cluster.Requests.TotalCount;

        (await server.CallCheckedAsync("stop_vm", new { vmid, cluster = "lab", confirm = vmid.ToString(System.Globalization.CultureInfo.InvariantCulture) })).AssertSuccess();

        Assert.True(lab.TryGetGuest(vmid, out var stopped));
        Assert.Equal("stopped", stopped.Status);
        Assert.Equal("running", server.Guest(vmid).Status);
        Assert.Equal(defaultBefore, server.Cluster.Requests.TotalCount);
    }

    /// <summary>Every tool of the catalog that acts on one guest (a required vmid), with plausible arguments.</summary>
    public static TheoryData<string, string> GuestToolsOnEachCluster()
    {
        var data = new TheoryData<string, string>();
        foreach (var tool in Tools.ToolCatalog.All.Where(t => Required(t.Tool.ProtocolTool).Contains("vmid")))
        {
            data.Add(tool.Name, "default");
            data.Add(tool.Name, "lab");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GuestToolsOnEachCluster))]
    public async Task GuestTool_OnOneCluster_ReachesOnlyThatClustersSimulator(string tool, string cluster)
    {
        await using var server = await StartAsync(s => s with { GuestExec = GuestExecMode.AllowList, GuestExecAllow = ["uptime"] });
        var target = cluster == "lab" ? server.Simulator("lab") : server.Cluster;
        var other = cluster == "lab" ? server.Cluster : server.Simulator("lab");
        var definition = Tools.ToolCatalog.All.Single(t => t.Name == tool);
        var container = tool.Contains("container", StringComparison.Ordinal);
        var vmid = target.Vmids.First(v => target.TryGetGuest(v, out var g) && g.Type == (container ? "lxc" : "qemu") && !g.Template && g.Status == "running");
        var arguments = PlausibleArguments(definition.Tool.ProtocolTool, vmid, target);
        arguments["cluster"] = cluster;
        var targetBefore = target.Requests.TotalCount;
        var otherBefore = other.Requests.TotalCount;

        var result = await server.CallAsync(tool, arguments);

        Assert.True(target.Requests.TotalCount > targetBefore, $"{tool} on {cluster} sent nothing to it: {result.Text()}");
        Assert.Equal(otherBefore, other.Requests.TotalCount);
        Assert.StartsWith($"[cluster {cluster}] ", result.Text(), StringComparison.Ordinal);
        Assert.Contains(target.Requests.Entries, e => e.Path.Contains($"/{vmid}", StringComparison.Ordinal) || e.Path.StartsWith("/cluster/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClusterStar_AllUp_ConcatenatesEachClustersResourcesValidAgainstTheOutputSchema()
    {
        await using var server = await StartAsync();
        var lab = server.Simulator("lab");

        var result = (await server.CallCheckedAsync("get_vms", new { cluster = "*", limit = 500 })).AssertSuccess();

        var guests = result.TableRows();
        var demoVms = server.Cluster.Vmids.Count(v => server.Cluster.TryGetGuest(v, out var g) && g.Type == "qemu");
        var labVms = lab.Vmids.Count(v => lab.TryGetGuest(v, out var g) && g.Type == "qemu");
        Assert.Equal(demoVms, guests.Count(g => g.String("cluster") == "default"));
        Assert.Equal(labVms, guests.Count(g => g.String("cluster") == "lab"));
        Assert.Equal(demoVms + labVms, result.Structured().GetProperty("page").GetProperty("total").GetInt32());
        Assert.Contains("[cluster default] ", result.Text(), StringComparison.Ordinal);
        Assert.Contains("[cluster lab] ", result.Text(), StringComparison.Ordinal);
        Assert.False(result.Structured().TryGetProperty(ClusterResults.ErrorsProperty, out _));
    }

    [Theory]
    [InlineData("get_cluster_resources")]
    [InlineData("get_vms")]
    [InlineData("get_containers")]
    [InlineData("get_nodes")]
    [InlineData("get_storages")]
    public async Task ClusterStar_WithOneClusterDown_ReturnsTheOthersDataAndAClearErrorForTheDownOne(string tool)
    {
        await using var server = await StartAsync();
        var lab = server.Simulator("lab");
        lab.Faults.DropConnections();

        var result = (await server.CallCheckedAsync(tool, new { cluster = "*" })).AssertSuccess();

        var text = result.Text();
        Assert.Contains("1 failed (lab)", text, StringComparison.Ordinal);
        Assert.Contains("[cluster lab] ERROR: ", text, StringComparison.Ordinal);
        Assert.Contains("[cluster default] ", text, StringComparison.Ordinal);
        var structured = result.Structured();
        Assert.True(structured.GetProperty(ClusterResults.ErrorsProperty).GetProperty("lab").GetString()!.Length > 0);
        var items = structured.TryGetProperty("columns", out _)
            ? result.TableRows()
            : structured.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.Array).Value.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("default", i.String("cluster")));
    }

    [Fact]
    public async Task ClusterStar_WithAClusterWhoseAddressRefusesConnections_ReportsItBesideTheOthers()
    {
        var port = ClosedPort();
        var far = new ClusterSettings
        {
            Name = "far",
            Proxmox = new ProxmoxOptions { Host = "127.0.0.1", Port = port, TokenId = "root@pam!mcp", TokenSecret = "00000000-0000-0000-0000-000000000000", MaxGetRetries = 0, FailoverHosts = ["127.0.0.2"] },
        };
        await using var server = await StartAsync(others: [TwoClusters.LabCluster(), far]);

        var result = (await server.CallCheckedAsync("get_cluster_resources", new { cluster = "*", type = "vm" })).AssertSuccess();
        var listed = (await server.CallCheckedAsync(ClusterArgument.ListToolName)).AssertSuccess();

        Assert.Contains("1 failed (far)", result.Text(), StringComparison.Ordinal);
        Assert.Contains($"[cluster far] ERROR: ", result.Text(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", result.Structured().GetProperty(ClusterResults.ErrorsProperty).GetProperty("far").GetString(), StringComparison.Ordinal);
        var clusters = result.TableRows().Select(r => r.String("cluster")).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["default", "lab"], clusters);
        var farListed = listed.Structured().GetProperty("clusters").EnumerateArray().Single(c => c.String("name") == "far");
        Assert.False(farListed.GetProperty("reachable").GetBoolean());
        Assert.Equal([$"127.0.0.1:{port}", $"127.0.0.2:{port}"], farListed.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("All 2 addresses", result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("00000000-0000", listed.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterStar_OnClusterHealth_SummarizesEveryClusterWithTheWorstStatusAndNamedProblems()
    {
        await using var server = await StartAsync(s => s with { Tools = ["all"] });
        var lab = server.Simulator("lab");
        lab.SetNodeOnline("pve2", false);

        var merged = (await server.CallCheckedAsync("get_cluster_health", new { cluster = "*" })).AssertSuccess().Structured();
        var onDefault = (await server.CallAsync("get_cluster_health")).AssertSuccess().Structured();
        var onLab = (await server.CallAsync("get_cluster_health", new { cluster = "lab" })).AssertSuccess().Structured();

        Assert.Equal("critical", onLab.String("status"));
        Assert.Equal("critical", merged.String("status"));
        Assert.Equal(onDefault.GetProperty("nodes_total").GetInt32() + onLab.GetProperty("nodes_total").GetInt32(), merged.GetProperty("nodes_total").GetInt32());
        Assert.Contains("lab: pve2", merged.GetProperty("nodes_offline").EnumerateArray().Select(n => n.GetString()));
        Assert.All(merged.GetProperty("problems").EnumerateArray(), p => Assert.Matches("^(default|lab): ", p.GetString()!));
        Assert.Equal(
            onDefault.GetProperty("problems").GetArrayLength() + onLab.GetProperty("problems").GetArrayLength(),
            merged.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task ClusterStar_WhenEveryClusterIsDown_IsAnError()
    {
        await using var server = await StartAsync();
        server.Simulator("lab").Faults.DropConnections();
        server.Cluster.Faults.DropConnections();

        var result = await server.CallAsync("get_nodes", new { cluster = "*" });

        result.AssertError("2 failed (default, lab)");
    }

    [Theory]
    [InlineData("get_vm")]
    [InlineData("stop_vm")]
    [InlineData("get_cluster_status")]
    public async Task ClusterStar_OnAToolThatActsOnOneCluster_IsRefusedWithoutRequests(string tool)
    {
        await using var server = await StartAsync();
        var lab = server.Simulator("lab");
        var before = (server.Cluster.Requests.TotalCount, lab.Requests.TotalCount);

        var result = await server.CallAsync(tool, new { vmid = 100, cluster = "*" });

        result.AssertError($"{tool} cannot take cluster=\"*\"").AssertError("get_cluster_resources");
        Assert.Equal(before, (server.Cluster.Requests.TotalCount, lab.Requests.TotalCount));
    }

    [Fact]
    public async Task UnknownCluster_IsAToolErrorListingTheClusters_AndSendsNothing()
    {
        await using var server = await StartAsync();
        var lab = server.Simulator("lab");
        var before = (server.Cluster.Requests.TotalCount, lab.Requests.TotalCount);

        var result = await server.CallAsync("get_vm", new { vmid = 100, cluster = "prod" });

        result.AssertError("Unknown cluster 'prod'. This server serves: default, lab (default default)");
        Assert.Equal(before, (server.Cluster.Requests.TotalCount, lab.Requests.TotalCount));
    }

    [Fact]
    public async Task ReadOnlyCluster_RefusesAWriteBeforeAnyRequest_AndStillReads()
    {
        await using var server = await StartAsync(others: TwoClusters.LabCluster(c => c with { ReadOnly = true }));
        var lab = server.Simulator("lab");
        var vmid = RunningVmOnBoth(server.Cluster, lab);
        var before = lab.Requests.TotalCount;

        var refused = await server.CallAsync("stop_vm", new { vmid, cluster = "lab", confirm = $"{vmid}" });

        refused.AssertError("Refused by the policy of cluster 'lab': it is read-only and stop_vm changes something");
        Assert.Equal(before, lab.Requests.TotalCount);
        (await server.CallAsync("get_vm", new { vmid, cluster = "lab" })).AssertSuccess();
        (await server.CallAsync("stop_vm", new { vmid, confirm = $"{vmid}" })).AssertSuccess();
        Assert.Equal("stopped", server.Guest(vmid).Status);
    }

    [Fact]
    public async Task ClusterToolPolicy_RefusesToolsItDoesNotAllow()
    {
        await using var server = await StartAsync(others: TwoClusters.LabCluster(c => c with { Tools = ["vms"], ExcludeTools = ["get_vm_config"] }));
        var lab = server.Simulator("lab");
        var before = lab.Requests.TotalCount;

        (await server.CallAsync("get_nodes", new { cluster = "lab" })).AssertError("Refused by the policy of cluster 'lab': get_nodes is not among the tools it allows (vms)");
        (await server.CallAsync("get_vm_config", new { vmid = 100, cluster = "lab" })).AssertError("Refused by the policy of cluster 'lab': it excludes get_vm_config");
        Assert.Equal(before, lab.Requests.TotalCount);
        (await server.CallAsync("get_vms", new { cluster = "lab" })).AssertSuccess();
        (await server.CallAsync("get_nodes")).AssertSuccess();
    }

    [Fact]
    public async Task DryRun_WithCluster_PreviewsAgainstThatClusterOnly()
    {
        await using var server = await StartAsync();
        var lab = server.Simulator("lab");
        var vmid = RunningVmOnBoth(server.Cluster, lab);
        var defaultBefore = server.Cluster.Requests.TotalCount;
        var labBefore = lab.Requests.Count;

        var preview = await server.CallAsync("stop_vm", new { vmid, cluster = "lab", dry_run = true });

        preview.AssertError("Dry run of stop_vm: nothing was sent");
        Assert.StartsWith("[cluster lab] ", preview.Text(), StringComparison.Ordinal);
        Assert.Contains($"/qemu/{vmid}/status/stop", preview.Text(), StringComparison.Ordinal);
        var sent = lab.Requests.Entries.Skip(labBefore).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, e => Assert.Equal("GET", e.Method));
        Assert.Equal(defaultBefore, server.Cluster.Requests.TotalCount);
        Assert.True(lab.TryGetGuest(vmid, out var still));
        Assert.Equal("running", still.Status);
    }

    [Fact]
    public async Task Protection_OfTheDefaultCluster_DoesNotProtectTheSameVmidOnLab()
    {
        await using var server = await StartAsync(s => s with { Proxmox = new ProxmoxOptions { Protect = GuestRules.Parse("100-111", "PROXMOX_MCP_PROTECT") } });
        var lab = server.Simulator("lab");
        var vmid = RunningVmOnBoth(server.Cluster, lab);

        (await server.CallAsync("stop_vm", new { vmid, confirm = $"{vmid}" })).AssertError("protect");
        (await server.CallAsync("stop_vm", new { vmid, cluster = "lab", confirm = $"{vmid}" })).AssertSuccess();

        Assert.Equal("running", server.Guest(vmid).Status);
        Assert.True(lab.TryGetGuest(vmid, out var stopped));
        Assert.Equal("stopped", stopped.Status);
    }

    [Fact]
    public async Task ListClusters_NamesEachClusterWithReachabilityVersionAndNodes_AndAnErrorForADownOne()
    {
        await using var server = await StartAsync();
        server.Simulator("lab").Faults.DropConnections();

        var result = (await server.CallCheckedAsync(ClusterArgument.ListToolName)).AssertSuccess();

        var clusters = result.Structured().GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(["default", "lab"], clusters.Select(c => c.String("name")));
        var first = clusters[0];
        Assert.True(first.GetProperty("default").GetBoolean());
        Assert.True(first.GetProperty("reachable").GetBoolean());
        Assert.Equal("9.0.10", first.String("pve_version"));
        Assert.Equal(3, first.GetProperty("nodes").GetInt32());
        Assert.False(clusters[1].GetProperty("reachable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(clusters[1].String("error")));
        Assert.DoesNotContain(SimulatedCredentials.AdminTokenSecret, result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatedCredentials.AdminTokenSecret, result.Structured().GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmationGivenOnOneCluster_IsNotTakenForTheSameVmidOnTheOther()
    {
        // The user agrees to stop VM N on the default cluster; a client that replays that answer for VM N on lab is asked afresh.
        var answer = "accept";
        var questions = new List<string>();
        var client = new McpClientOptions
        {
            ProtocolVersion = "2026-07-28",
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (question, _) =>
                {
                    lock (questions)
                    {
                        questions.Add(question!.Message);
                    }

                    return ValueTask.FromResult(answer == "accept"
                        ? new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } }
                        : new ElicitResult { Action = answer });
                },
            },
        };
        await using var server = await StartAsync(s => s with { Confirmation = ConfirmationMode.Client }, client);
        var lab = server.Simulator("lab");
        var vmid = RunningVmOnBoth(server.Cluster, lab);

        (await server.CallAsync("stop_vm", new { vmid })).AssertSuccess();
        Assert.Contains("(cluster default)", Assert.Single(questions), StringComparison.Ordinal);
        var state = server.Wire.InputRequiredResults[^1].Message["result"]!["requestState"]!.GetValue<string>();
        answer = "decline";
        var replayed = new CallToolRequestParams
        {
            Name = "stop_vm",
            Arguments = new Dictionary<string, JsonElement> { ["vmid"] = JsonSerializer.SerializeToElement(vmid), ["cluster"] = JsonSerializer.SerializeToElement("lab") },
            RequestState = state,
            InputResponses = new Dictionary<string, InputResponse>
            {
                ["confirm"] = InputResponse.FromElicitResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } }),
            },
        };

        var result = await server.Client.CallToolAsync(replayed, Ct);

        result.AssertError("the user declined in the client");
        Assert.Equal(2, questions.Count);
        Assert.Contains("(cluster lab)", questions[1], StringComparison.Ordinal);
        Assert.True(lab.TryGetGuest(vmid, out var still));
        Assert.Equal("running", still.Status);
        Assert.Equal("stopped", server.Guest(vmid).Status);
    }

    [Fact]
    public async Task AuditLog_RecordsTheClusterOfAWrite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var server = await StartAsync(s => s with { AuditLog = path });
            var lab = server.Simulator("lab");
            var vmid = RunningVmOnBoth(server.Cluster, lab);

            (await server.CallAsync("stop_vm", new { vmid, cluster = "lab", confirm = $"{vmid}" })).AssertSuccess();

            var attempt = JsonDocument.Parse(File.ReadLines(path).First()).RootElement;
            Assert.Equal("lab", attempt.GetProperty("arguments").GetProperty("cluster").GetString());
            var outcome = JsonDocument.Parse(File.ReadLines(path).Last()).RootElement;
            Assert.Contains($"/qemu/{vmid}/status/stop", outcome.GetProperty("requests")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A loopback port nothing listens on (it was free a moment ago).</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<string> Required(Tool tool) =>
        tool.InputSchema.TryGetProperty("required", out var r) ? [.. r.EnumerateArray().Select(e => e.GetString()!)] : [];

    private static Dictionary<string, object?> PlausibleArguments(Tool tool, int vmid, SimulatedCluster cluster)
    {
        var properties = tool.InputSchema.GetProperty("properties");
        var node = cluster.TryGetGuest(vmid, out var guest) ? guest.Node : "pve1";
        var plausible = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["vmid"] = vmid, ["node"] = node, ["snapname"] = "multi", ["storage"] = "local", ["target"] = node == "pve1" ? "pve2" : "pve1",
            ["disk"] = guest?.Type == "lxc" ? "rootfs" : "scsi0", ["size"] = "+1G", ["command"] = new[] { "uptime" }, ["path"] = "/etc/os-release",
        };
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in Required(tool))
        {
            Assert.True(plausible.TryGetValue(name, out var value), $"{tool.Name}: add a plausible value for {name}");
            arguments[name] = value;
        }

        // Tools that need something to change.
        foreach (var (name, value) in new Dictionary<string, object>(StringComparer.Ordinal) { ["description"] = "multi", ["ciuser"] = "ops" })
        {
            if (properties.TryGetProperty(name, out _) && tool.Name is "update_vm" or "update_container" or "set_cloud_init")
            {
                arguments[name] = value;
            }
        }

        if (properties.TryGetProperty("confirm", out _))
        {
            arguments["confirm"] = $"{vmid}";
        }

        if (properties.TryGetProperty("wait", out _))
        {
            arguments["wait"] = false;
        }

        return arguments;
    }
}
