using System.Net;
using System.Net.Sockets;

namespace ProxmoxMcp.Simulator.Tests;

public class FaultTests
{
    [Fact]
    public async Task ErrorFault_AnswersWithGivenStatusAndReason()
    {
        using var sim = new Sim();
        sim.Cluster.Faults.AddError(503, "Service Unavailable", method: "GET", pathPattern: "/nodes/*/qemu");
        var r = await sim.Get("/nodes/pve1/qemu");
        Assert.Equal(503, r.Status);
        Assert.Equal("Service Unavailable", r.ReasonPhrase);
        Assert.Equal(200, (await sim.Get("/nodes/pve1/lxc")).Status);
    }

    [Fact]
    public async Task FailNext_FailsNRequestsThenSucceeds()
    {
        using var sim = new Sim();
        var rule = sim.Cluster.Faults.FailNext(2, 596, "Connection timed out", pathPattern: "/version");
        Assert.Equal(596, (await sim.Get("/version")).Status);
        Assert.Equal(596, (await sim.Get("/version")).Status);
        Assert.Equal(200, (await sim.Get("/version")).Status);
        Assert.Equal(2, rule.Hits);
        Assert.True(rule.Exhausted);
    }

    [Fact]
    public async Task Latency_DelaysOnSimulatorClock()
    {
        using var sim = new Sim();
        sim.Cluster.Faults.AddLatency(TimeSpan.FromSeconds(5), pathPattern: "/nodes/**");
        var pending = sim.Get("/nodes/pve1/status");
        Assert.False(pending.IsCompleted);
        sim.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(200, (await pending).Status);
        Assert.True((await sim.Get("/version")).Status == 200);
    }

    [Fact]
    public async Task DroppedConnection_ThroughHandler_ThrowsHttpRequestExceptionWithSocketError()
    {
        using var sim = new Sim();
        sim.Cluster.Faults.DropConnections(method: "POST", count: 1);
        using var client = new HttpClient(sim.Cluster.CreateHandler()) { BaseAddress = new Uri("https://pve.sim:8006/api2/json/") };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SimulatedCredentials.AdminAuthorizationHeader);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("nodes/pve1/qemu/106/status/start", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken));
        var io = Assert.IsType<IOException>(ex.InnerException);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(io.InnerException).SocketErrorCode);
        var ok = await client.PostAsync("nodes/pve1/qemu/106/status/start", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, sim.Cluster.Requests.CountByMethod("POST"));
        Assert.True(sim.Cluster.Requests.Entries[0].Dropped);
    }

    [Fact]
    public async Task TicketExpiresAfterNRequests()
    {
        using var sim = new Sim();
        sim.Cluster.Faults.ExpireTicketsAfter(2);
        var login = await sim.Send("POST", "/access/ticket", form: [("username", "root@pam"), ("password", SimulatedCredentials.AdminPassword)], headers: new Dictionary<string, string>());
        var cookie = new Dictionary<string, string> { ["Cookie"] = "PVEAuthCookie=" + (string)login.Data!["ticket"]! };
        Assert.Equal(200, (await sim.Send("GET", "/version", headers: cookie)).Status);
        Assert.Equal(200, (await sim.Send("GET", "/version", headers: cookie)).Status);
        var third = await sim.Send("GET", "/version", headers: cookie);
        Assert.Equal(401, third.Status);
        Assert.Equal("Authentication failed!", third.ReasonPhrase);
    }

    [Fact]
    public async Task SlowTask_OverridesDuration()
    {
        using var sim = new Sim();
        sim.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(5), "qmstart", count: 1);
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/106/status/start");
        Assert.Equal("running", (string?)(await sim.Finish(upid))["status"]);
        sim.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("OK", (string?)(await sim.TaskStatus(upid))["exitstatus"]);
        Assert.Equal("stopped", (string?)(await sim.Finish(await sim.StartTask("POST", "/nodes/pve1/qemu/106/status/stop")))["status"]);
    }

    [Fact]
    public async Task FailingTask_FailsWithGivenTextAndLeavesStateUnchanged()
    {
        using var sim = new Sim();
        sim.Cluster.Faults.FailNextTask("qmstart", "start failed: QEMU exited with code 1");
        var st = await sim.Finish(await sim.StartTask("POST", "/nodes/pve1/qemu/106/status/start"));
        Assert.Equal("start failed: QEMU exited with code 1", (string?)st["exitstatus"]);
        Assert.Equal("stopped", sim.Guest(106).Status);
        await sim.RunOk("POST", "/nodes/pve1/qemu/106/status/start");
    }

    [Fact]
    public async Task RequestLog_CountsRequestsPerMethod()
    {
        using var sim = new Sim();
        await sim.Get("/version");
        await sim.Get("/nodes");
        await sim.Post("/nodes/pve1/qemu/106/status/start");
        Assert.Equal(2, sim.Cluster.Requests.CountByMethod("GET"));
        Assert.Equal(1, sim.Cluster.Requests.CountByMethod("POST", "/nodes/pve1/qemu/106/status/start"));
        Assert.Equal(0, sim.Cluster.Requests.CountByMethod("DELETE"));
    }

    [Fact]
    public async Task ClearFaults_RestoresNormalAnswers()
    {
        using var sim = new Sim();
        sim.Cluster.Faults.AddError(500, "boom");
        Assert.Equal(500, (await sim.Get("/version")).Status);
        sim.Cluster.Faults.Clear();
        Assert.Equal(200, (await sim.Get("/version")).Status);
    }
}

public class HandlerTests
{
    [Fact]
    public async Task Handler_ServesApiPathsAndPassesReasonPhrase()
    {
        using var cluster = new SimulatedCluster();
        using var client = new HttpClient(cluster.CreateHandler()) { BaseAddress = new Uri("https://pve.sim:8006/api2/json/") };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SimulatedCredentials.AdminAuthorizationHeader);
        using var missing = await client.GetAsync("nodes/pve1/qemu/999/config", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, missing.StatusCode);
        Assert.Equal("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist", missing.ReasonPhrase);
        using var upid = await client.PostAsync("nodes/pve1/qemu/106/status/start", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        var body = await upid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("{\"data\":\"UPID:pve1:", body, StringComparison.Ordinal);
        var encoded = Uri.EscapeDataString(System.Text.Json.Nodes.JsonNode.Parse(body)!["data"]!.GetValue<string>());
        using var status = await client.GetAsync($"nodes/pve1/tasks/{encoded}/status", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task Handler_PathOutsideApi_Is501NoSuchUri()
    {
        using var cluster = new SimulatedCluster();
        using var client = new HttpClient(cluster.CreateHandler()) { BaseAddress = new Uri("https://pve.sim:8006/") };
        using var r = await client.GetAsync("nodes", TestContext.Current.CancellationToken);
        Assert.Equal(501, (int)r.StatusCode);
        Assert.Equal("no such uri", r.ReasonPhrase);
    }
}
