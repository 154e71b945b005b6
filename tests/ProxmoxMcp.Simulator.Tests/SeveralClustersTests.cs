using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Simulator.Host;

namespace ProxmoxMcp.Simulator.Tests;

/// <summary>
/// Two independent simulated clusters (the demo estate and the lab estate): other names and node sets, vmids that
/// repeat on purpose, state that never leaks from one to the other, answers that fit the official schema, and both
/// served over HTTPS at once (one listener per cluster), with node failover when the first address refuses.
/// </summary>
public sealed class SeveralClustersTests
{
    private static readonly SimulatorOptions Lab = new() { Estate = EstateSize.Lab, ClusterName = "lab", TaskDuration = Sim.TaskTime };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LabAndDemo_HaveOwnNamesAndNodes_AndTheSameVmidsAreOtherGuests()
    {
        using var demo = new Sim();
        using var lab = new Sim(Lab);

        Assert.Equal(["pve1", "pve2", "pve3"], await Names(demo, "/nodes", "node"));
        Assert.Equal(["lab1", "lab2"], await Names(lab, "/nodes", "node"));
        Assert.Equal("lab", (await Data(lab, "/cluster/status")).AsArray().First(e => (string?)e!["type"] == "cluster")!["name"]!.GetValue<string>());
        Assert.Equal(["local", "local-lvm"], await Names(lab, "/storage", "storage"));
        foreach (var vmid in new[] { 100, 101, 200, 201 })
        {
            Assert.NotEqual(demo.Guest(vmid).Name, lab.Guest(vmid).Name);
        }

        Assert.Equal(("web01", "running", "pve1"), (demo.Guest(100).Name, demo.Guest(100).Status, demo.Guest(100).Node));
        Assert.Equal(("lab-router", "stopped", "lab1"), (lab.Guest(100).Name, lab.Guest(100).Status, lab.Guest(100).Node));
        Assert.False(demo.Cluster.TryGetGuest(110, out _));
        Assert.Equal(5, (await Data(lab, "/cluster/resources", ("type", "vm"))).AsArray().Count);
    }

    [Fact]
    public async Task StartingVm100OnLab_LeavesDemoVm100AsItWas()
    {
        using var demo = new Sim();
        using var lab = new Sim(Lab);
        var demoBefore = demo.Guest(100);

        await lab.RunOk("POST", "/nodes/lab1/qemu/100/status/start");

        Assert.Equal("running", lab.Guest(100).Status);
        Assert.Equal(demoBefore.Status, demo.Guest(100).Status);
        Assert.Equal(demoBefore.Config, demo.Guest(100).Config);
        Assert.Equal(500, (await lab.Get("/nodes/pve1/qemu/100/status/current")).Status);
    }

    [Fact]
    public async Task LabAnswers_PassTheSchemaCheckers()
    {
        using var lab = new Sim(Lab);
        (string, string) q(string k, string v) => (k, v);
        foreach (var path in new[] { "/version", "/cluster/status", "/cluster/resources", "/cluster/tasks", "/nodes", "/storage", "/pools", "/pools/experiments" })
        {
            await lab.Get(path);
        }

        foreach (var node in new[] { "lab1", "lab2" })
        {
            await lab.Get($"/nodes/{node}/status");
            await lab.Get($"/nodes/{node}/qemu");
            await lab.Get($"/nodes/{node}/lxc");
            await lab.Get($"/nodes/{node}/storage");
            await lab.Get($"/nodes/{node}/storage/local/content");
            await lab.Get($"/nodes/{node}/storage/local-lvm/content");
            await lab.Get($"/nodes/{node}/tasks");
        }

        foreach (var (kind, node, vmid) in new[] { ("qemu", "lab1", 100), ("qemu", "lab2", 101), ("qemu", "lab2", 110), ("lxc", "lab1", 200), ("lxc", "lab2", 201) })
        {
            await lab.Get($"/nodes/{node}/{kind}/{vmid}/status/current");
            await lab.Get($"/nodes/{node}/{kind}/{vmid}/config");
            await lab.Get($"/nodes/{node}/{kind}/{vmid}/snapshot");
        }

        await lab.Get("/nodes/lab2/qemu/101/snapshot/clean-install/config");
        await lab.Get("/nodes/lab1/storage/local/content", q("content", "backup"));
        await lab.RunOk("POST", "/nodes/lab1/lxc/200/status/shutdown");
        await lab.RunOk("POST", "/nodes/lab2/qemu/101/snapshot", q("snapname", "before-upgrade"));
        Assert.All(lab.Cluster.Requests.Entries, e => Assert.True(e.Status == 200, $"{e} answered {e.Status}"));

        var dir = Path.Combine(AppContext.BaseDirectory, "contract-out");
        Directory.CreateDirectory(dir);
        var calls = Path.Combine(dir, "lab-calls.jsonl");
        var responses = Path.Combine(dir, "lab-responses.jsonl");
        using (var w = new StreamWriter(calls))
        {
            lab.Cluster.Requests.WriteCallsJsonl(w);
        }

        using (var w = new StreamWriter(responses))
        {
            lab.Cluster.Requests.WriteResponsesJsonl(w);
        }

        var (callsExit, callsOutput) = Repo.Python(Path.Combine(Repo.ContractDir, "check_calls.py"), calls, "--schema", Path.Combine(Repo.ContractDir, "pve-api-schema.json"), "--quiet");
        var (_, responsesOutput) = Repo.Python(Path.Combine(Repo.ContractDir, "check_responses.py"), responses, "--quiet");

        Assert.True(callsExit == 0, callsOutput);
        Assert.Matches(new Regex(@"^\d+ passed, 0 failed$", RegexOptions.Multiline), responsesOutput);
    }

    [Fact]
    public async Task TwoListeners_ServeTheTwoClustersOverHttps()
    {
        using var demo = new SimulatedCluster();
        using var lab = new SimulatedCluster(Lab);
        await using var demoServer = await SimulatorHttpsServer.StartAsync(demo, cancellationToken: Ct);
        await using var labServer = await SimulatorHttpsServer.StartAsync(lab, cancellationToken: Ct);

        var demoNodes = await Client(demoServer, o => { }).GetNodesAsync(Ct);
        var labNodes = await Client(labServer, o => { }).GetNodesAsync(Ct);

        Assert.Equal(["pve1", "pve2", "pve3"], demoNodes.Select(n => n.Node).Order(StringComparer.Ordinal));
        Assert.Equal(["lab1", "lab2"], labNodes.Select(n => n.Node).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FirstAddressRefusingConnections_FailsOverToTheNextOverHttps(bool password)
    {
        using var lab = new SimulatedCluster(Lab);
        await using var server = await SimulatorHttpsServer.StartAsync(lab, cancellationToken: Ct);
        var closed = ClosedPort();
        var options = Options(server, o =>
        {
            (o.Host, o.FailoverHosts) = ($"https://127.0.0.1:{closed}", ["127.0.0.1"]);
            if (password)
            {
                (o.TokenId, o.TokenSecret, o.Username, o.Password) = (null, null, SimulatedCredentials.AdminUser, SimulatedCredentials.AdminPassword);
            }
        });
        var http = new ProxmoxHttp(ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System));

        var nodes = await new ProxmoxClient(http).GetNodesAsync(Ct);
        using var started = await http.SendAsync(HttpMethod.Post, PvePath.Of($"/nodes/lab1/qemu/100/status/start"), null, Ct);

        Assert.Equal(2, nodes.Count);
        Assert.StartsWith("UPID:lab1:", started.Data.GetString(), StringComparison.Ordinal);
        Assert.Single(lab.Requests.Entries, e => e.Method == "POST" && e.Path.EndsWith("/status/start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryAddressRefusing_ReportsEachAddressTried()
    {
        var first = ClosedPort();
        var second = ClosedPort();
        var options = new ProxmoxOptions
        {
            Host = $"https://127.0.0.1:{first}", FailoverHosts = [$"https://127.0.0.1:{second}"], ClusterName = "lab",
            TokenId = SimulatedCredentials.AdminTokenId, TokenSecret = SimulatedCredentials.AdminTokenSecret, MaxGetRetries = 0,
        };
        var client = new ProxmoxClient(new ProxmoxHttp(ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System)));

        var e = await Assert.ThrowsAsync<NodesUnreachableException>(() => client.GetVersionAsync(Ct));
        var message = await new ProxmoxErrorTranslator(options).DescribeAsync(e, null, Ct);

        Assert.Contains($"All 2 addresses of cluster 'lab' failed (127.0.0.1:{first} connection refused; 127.0.0.1:{second} connection refused)", message, StringComparison.Ordinal);
    }

    private static ProxmoxOptions Options(SimulatorHttpsServer server, Action<ProxmoxOptions> configure)
    {
        var options = new ProxmoxOptions
        {
            Host = "127.0.0.1", Port = server.BaseUrl.Port, Fingerprint = server.Fingerprint,
            TokenId = SimulatedCredentials.AdminTokenId, TokenSecret = SimulatedCredentials.AdminTokenSecret,
        };
        configure(options);
        return options;
    }

    private static ProxmoxClient Client(SimulatorHttpsServer server, Action<ProxmoxOptions> configure)
    {
        var options = Options(server, configure);
        return new ProxmoxClient(new ProxmoxHttp(ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System)));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<JsonNode> Data(Sim sim, string path, params (string, string)[] query)
    {
        var response = await sim.Get(path, query);
        Assert.Equal(200, response.Status);
        return JsonNode.Parse(response.BodyText)!["data"]!;
    }

    private static async Task<List<string>> Names(Sim sim, string path, string key) =>
        [.. (await Data(sim, path)).AsArray().Select(e => e![key]!.GetValue<string>()).Order(StringComparer.Ordinal)];
}
