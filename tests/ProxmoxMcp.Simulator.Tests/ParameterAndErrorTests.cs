using System.Text.Json.Nodes;

namespace ProxmoxMcp.Simulator.Tests;

public class ParameterAndErrorTests
{
    private static JsonObject Errors(SimulatedResponse r)
    {
        Assert.Equal(400, r.Status);
        Assert.Equal("Parameter verification failed.", r.ReasonPhrase);
        Assert.Equal("Parameter verification failed.\n", (string?)r.Json!["message"]);
        Assert.Null(r.Json!["data"]);
        return r.Json!["errors"]!.AsObject();
    }

    [Fact]
    public async Task UnknownParameter_Is400WithPveText()
    {
        using var sim = new Sim();
        var e = Errors(await sim.Post("/nodes/pve1/qemu/100/status/start", ("force", "1")));
        Assert.Equal("property is not defined in schema and the schema does not allow additional properties", (string?)e["force"]);
    }

    [Fact]
    public async Task MissingRequiredParameter_Is400()
    {
        using var sim = new Sim();
        var e = Errors(await sim.Post("/nodes/pve1/qemu/100/clone"));
        Assert.Equal("property is missing and it is not optional", (string?)e["newid"]);
    }

    [Fact]
    public async Task BooleanMustBe0Or1()
    {
        using var sim = new Sim();
        var e = Errors(await sim.Get("/nodes/pve1/qemu", ("full", "true")));
        Assert.Equal("type check ('boolean') failed - got 'true'", (string?)e["full"]);
    }

    [Fact]
    public async Task IntegerAndRangeAndEnumAreChecked()
    {
        using var sim = new Sim();
        Assert.Equal("type check ('integer') failed - got 'abc'", (string?)Errors(await sim.Get("/nodes/pve1/tasks", ("limit", "abc")))["limit"]);
        Assert.Equal("value must have a minimum value of 0", (string?)Errors(await sim.Get("/nodes/pve1/tasks", ("limit", "-1")))["limit"]);
        Assert.Equal("value 'minute' does not have a value in the enumeration 'hour, day, week, month, year, decade'",
            (string?)Errors(await sim.Get("/nodes/pve1/rrddata", ("timeframe", "minute")))["timeframe"]);
    }

    [Fact]
    public async Task VmidInPath_IsValidated()
    {
        using var sim = new Sim();
        var e = Errors(await sim.Get("/nodes/pve1/qemu/12/status/current"));
        Assert.Equal("invalid format - value does not look like a valid VM ID\n", (string?)e["vmid"]);
    }

    [Fact]
    public async Task PropertyString_UnknownKeyAndBadEnumAreReported()
    {
        using var sim = new Sim();
        var e = Errors(await sim.Put("/nodes/pve1/qemu/106/config", ("net0", "virtio,bridge=vmbr0,speed=9")));
        Assert.Equal("invalid format - invalid key in comma-separated list property: speed\n", (string?)e["net0"]);
        var e2 = Errors(await sim.Put("/nodes/pve1/qemu/106/config", ("net0", "model=foo,bridge=vmbr0")));
        Assert.StartsWith("invalid format - format error\nnet0.model: value 'foo' does not have a value in the enumeration", (string?)e2["net0"]);
    }

    [Fact]
    public async Task PropertyString_ValidNetAndDiskAreAccepted()
    {
        using var sim = new Sim();
        var r = await sim.Put("/nodes/pve1/qemu/106/config", ("net1", "virtio,bridge=vmbr0,firewall=1"), ("scsi1", "local-lvm:8,iothread=1"));
        Assert.Equal(200, r.Status);
        Assert.Null(r.Data);
        var g = sim.Guest(106);
        Assert.StartsWith("virtio=BC:24:11:", g.Config["net1"]);
        Assert.Equal("local-lvm:vm-106-disk-1,iothread=1,size=8G", g.Config["scsi1"]);
    }

    [Fact]
    public async Task GetWithBody_Is501UnexpectedContent()
    {
        using var sim = new Sim();
        var req = new SimulatedRequest("GET", "/nodes") { Body = "a=b", Headers = Sim.Auth(SimulatedCredentials.AdminAuthorizationHeader) };
        var r = await sim.Cluster.HandleAsync(req, CancellationToken.None);
        Assert.Equal(501, r.Status);
        Assert.Equal("Unexpected content for method 'GET'", r.ReasonPhrase);
    }

    [Fact]
    public async Task ConflictingPathParameter_Is400()
    {
        using var sim = new Sim();
        var e = Errors(await sim.Post("/nodes/pve1/qemu/100/status/start", ("vmid", "101")));
        Assert.Equal("duplicate parameter (already defined in URI) with conflicting values!", (string?)e["vmid"]);
    }

    [Fact]
    public async Task JsonBody_IsAccepted()
    {
        using var sim = new Sim();
        var req = new SimulatedRequest("PUT", "/nodes/pve1/qemu/106/config")
        {
            Body = "{\"cores\":4,\"onboot\":true}",
            Headers = new Dictionary<string, string> { ["Authorization"] = SimulatedCredentials.AdminAuthorizationHeader, ["Content-Type"] = "application/json" },
        };
        var r = await sim.Cluster.HandleAsync(req, CancellationToken.None);
        Assert.Equal(200, r.Status);
        Assert.Equal("4", sim.Guest(106).Config["cores"]);
        Assert.Equal("1", sim.Guest(106).Config["onboot"]);
    }

    [Fact]
    public async Task UnknownPath_Is501WithPveMessage()
    {
        using var sim = new Sim();
        var r = await sim.Get("/nodes/pve1/qemu/100/foo");
        Assert.Equal(501, r.Status);
        Assert.Equal("Method 'GET /nodes/pve1/qemu/100/foo' not implemented", r.ReasonPhrase);
        Assert.Equal("Method 'GET /nodes/pve1/qemu/100/foo' not implemented", (string?)r.Json!["message"]);
    }

    [Fact]
    public async Task WrongMethod_Is501()
    {
        using var sim = new Sim();
        var r = await sim.Delete("/version");
        Assert.Equal(501, r.Status);
        Assert.Equal("Method 'DELETE /version' not implemented", r.ReasonPhrase);
    }

    [Fact]
    public async Task KnownButNotSimulatedEndpoint_Is501SayingSo()
    {
        using var sim = new Sim();
        var r = await sim.Get("/nodes/pve1/apt/update");
        Assert.Equal(501, r.Status);
        Assert.Contains("not implemented by the simulator", r.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingGuest_Is500ConfigurationFileDoesNotExist()
    {
        using var sim = new Sim();
        var r = await sim.Get("/nodes/pve1/qemu/999/status/current");
        Assert.Equal(500, r.Status);
        Assert.Equal("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist", r.ReasonPhrase);
        Assert.Equal("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist\n", (string?)r.Json!["message"]);
    }

    [Fact]
    public async Task GuestOnWrongNode_Is500LikePve()
    {
        using var sim = new Sim();
        var r = await sim.Get("/nodes/pve2/qemu/100/status/current");
        Assert.Equal(500, r.Status);
        Assert.Equal("Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist", r.ReasonPhrase);
        var ct = await sim.Get("/nodes/pve1/lxc/100/config");
        Assert.Equal("Configuration file 'nodes/pve1/lxc/100.conf' does not exist", ct.ReasonPhrase);
    }

    [Fact]
    public async Task OfflineNode_Is595WithEmptyBody()
    {
        using var sim = new Sim();
        sim.Cluster.SetNodeOnline("pve2", false);
        var r = await sim.Get("/nodes/pve2/qemu");
        Assert.Equal(595, r.Status);
        Assert.Equal("No route to host", r.ReasonPhrase);
        Assert.Empty(r.Body);
        var status = (await sim.Get("/cluster/status")).Data!.AsArray();
        Assert.Equal(0, (int)status.Single(x => (string?)x!["name"] == "pve2")!["online"]!);
        var nodes = (await sim.Get("/nodes")).Data!.AsArray();
        Assert.Equal("offline", (string?)nodes.Single(x => (string?)x!["node"] == "pve2")!["status"]);
        sim.Cluster.SetNodeOnline("pve2", true);
        Assert.Equal(200, (await sim.Get("/nodes/pve2/qemu")).Status);
    }

    [Fact]
    public async Task UnknownNodeName_Is500HostnameLookupFailed()
    {
        using var sim = new Sim();
        var r = await sim.Get("/nodes/pve9/qemu");
        Assert.Equal(500, r.Status);
        Assert.Equal("hostname lookup 'pve9' failed - failed to get address info for: pve9: Name or service not known", r.ReasonPhrase);
    }

    [Fact]
    public async Task NextId_ReturnsFreeIdAsStringAndRejectsUsedOne()
    {
        using var sim = new Sim();
        Assert.Equal("108", (string?)(await sim.Get("/cluster/nextid")).Data);
        Assert.Equal("150", (string?)(await sim.Get("/cluster/nextid", ("vmid", "150"))).Data);
        var e = Errors(await sim.Get("/cluster/nextid", ("vmid", "100")));
        Assert.Equal("VM 100 already exists", (string?)e["vmid"]);
    }
}
