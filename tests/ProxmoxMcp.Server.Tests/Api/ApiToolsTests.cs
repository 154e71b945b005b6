using System.Text.Json;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools.Api;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Api;

public class ApiToolsTests
{
    [Theory]
    [InlineData("firewall rules", "GET /cluster/firewall/rules")]
    [InlineData("ha status", "GET /cluster/ha/status/current")]
    [InlineData("ceph health", "GET /cluster/ceph/status")]
    [InlineData("replication jobs", "GET /cluster/replication")]
    [InlineData("node network interfaces", "GET /nodes/{node}/network")]
    [InlineData("syslog", "GET /nodes/{node}/syslog")]
    public async Task FindApi_ForAnEverydayAsk_ListsTheEndpointAmongTheFirstThree(string query, string route)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("find_api", new { query, limit = 3 })).AssertSuccess();

        Assert.Contains(result.Structured().GetProperty("endpoints").EnumerateArray(), e => $"{e.GetProperty("method").GetString()} {e.GetProperty("path").GetString()}" == route);
    }

    [Fact]
    public void EveryGetEndpointOfTheSchema_IsFoundByItsPathAndDescribed()
    {
        var gets = ApiCatalog.All.Where(e => e.Method == "GET").ToList();

        var notFound = gets.Where(e => !ApiSearch.Find(e.Path).Take(10).Any(m => m.Endpoint == e)).Select(e => e.Path).ToList();
        var notDescribed = gets.Where(e => ApiRequest.Describe("GET", e.Path) != e).Select(e => e.Path).ToList();

        Assert.Equal(336, gets.Count);
        Assert.Empty(notFound);
        Assert.Empty(notDescribed);
    }

    [Fact]
    public async Task DescribeApi_WithAConcretePath_ReturnsTheTemplatesParametersAndReturnShape()
    {
        await using var server = await SimulatedServer.StartAsync();

        var text = (await server.CallAsync("describe_api", new { method = "get", path = "/nodes/pve1/qemu/100/config" })).AssertSuccess().Text();

        Assert.StartsWith("GET /nodes/{node}/qemu/{vmid}/config:", text, StringComparison.Ordinal);
        Assert.Contains("- vmid (path, integer, pve-vmid, 100..999999999)", text, StringComparison.Ordinal);
        Assert.Contains("- current (boolean, default 0)", text, StringComparison.Ordinal);
        Assert.Contains("Returns: object {acpi,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallApi_ForEveryGetTheSimulatorImplements_SendsRequestsThatPassProxmoxParameterVerification()
    {
        await using var server = await SimulatedServer.StartAsync();
        var templates = SimulatedCluster.ImplementedEndpoints.Where(k => k.Method == "GET").Select(k => k.Path).ToList();
        var notSent = new List<string>();
        foreach (var template in templates)
        {
            var before = server.Cluster.Requests.TotalCount;
            var endpoint = ApiCatalog.All.Single(e => e.Method == "GET" && e.Path == template);
            var result = await server.CallAsync("call_api", new { path = Fill(template), @params = RequiredParameters(endpoint), limit = 2 });
            if (server.Cluster.Requests.TotalCount == before)
            {
                notSent.Add($"{template}: {result.Text()}");
            }
        }

        Assert.True(templates.Count >= 19, $"only {templates.Count} GET templates");
        Assert.Empty(notSent);
        await PveCallCheck.AssertRequestsPassAsync(server, "pve-api-schema.json");
    }

    [Theory]
    [InlineData("/nodes/pve1/../cluster/status", "'..' segment")]
    [InlineData("/nodes/pve1/qemu/100%2F..%2F101/config", "may not contain")]
    [InlineData("/nodes/pve1\\qemu", "may not contain")]
    [InlineData("/cluster/resources?type=vm", "may not contain")]
    [InlineData("/nodes//qemu", "empty")]
    [InlineData("nodes/pve1/qemu", "must start with '/'")]
    [InlineData("/nodes/pve1/qemu/abc/config", "vmid 'abc' is not an integer")]
    [InlineData("/nodes/pve1/qemu/99/config", "vmid '99' is below the minimum 100")]
    [InlineData("/nodes/pve_1!/qemu", "node 'pve_1!'")]
    [InlineData("/no/such/thing", "No Proxmox VE API endpoint matches")]
    public async Task CallApi_WithAHostilePath_IsRefusedBeforeAnythingIsSent(string path, string message)
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.Requests.TotalCount;

        (await server.CallAsync("call_api", new { path })).AssertError(message);

        Assert.Equal(before, server.Cluster.Requests.TotalCount);
    }

    [Theory]
    [InlineData("""{"bogus":"1"}""", "has no parameter 'bogus'; it takes: type")]
    [InlineData("""{"type":"bogus"}""", "type 'bogus' is not one of vm, storage, node, sdn")]
    [InlineData("""{"type":["vm"]}""", "type takes a string, not a JSON array")]
    [InlineData("""{"type":{"x":1}}""", "type takes a string, not a JSON object")]
    public async Task CallApi_WithBadParameters_NamesTheParameterAndSendsNothing(string parameters, string message)
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.Requests.TotalCount;

        (await server.CallAsync("call_api", new { path = "/cluster/resources", @params = JsonDocument.Parse(parameters).RootElement })).AssertError(message);

        Assert.Equal(before, server.Cluster.Requests.TotalCount);
    }

    [Fact]
    public async Task CallApi_WithAnOverlongValue_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("call_api", new { path = "/nodes/pve1/qemu/100/config", @params = new { snapshot = new string('a', 41) } }))
            .AssertError("snapshot 'aaaa");
    }

    [Fact]
    public async Task CallApi_ForAListLongerThanAPage_PagesItWithASummary()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("call_api", new { path = "/cluster/resources", @params = new { type = "vm" }, offset = 1, limit = 2 })).AssertSuccess();

        var structured = result.Structured();
        Assert.Equal(2, structured.GetProperty("data").GetArrayLength());
        Assert.Equal(1, structured.GetProperty("offset").GetInt32());
        Assert.Matches(@"^GET /cluster/resources: \d+ items, showing 2-3", result.Text());
    }

    [Fact]
    public async Task CallApi_ForAnEndpointTheSimulatorLacks_SaysSoHonestly()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("call_api", new { path = "/cluster/acme/plugins" }))
            .AssertError("The simulated cluster does not implement GET /cluster/acme/plugins; a real Proxmox VE has it.");
    }

    [Fact]
    public async Task CallApiWrite_WithoutConfirm_AsksForItAndSendsNothing()
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.Requests.Entries.Count(e => e.Method != "GET");

        (await server.CallAsync("call_api_write", new { method = "POST", path = "/nodes/pve1/qemu/106/status/start" }))
            .AssertError("confirm=\"POST /nodes/pve1/qemu/106/status/start\"");

        Assert.Equal(before, server.Cluster.Requests.Entries.Count(e => e.Method != "GET"));
    }

    [Fact]
    public async Task CallApiWrite_WithConfirm_SendsTheRequestAndWaitsForItsTask()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("call_api_write", new { method = "post", path = "/nodes/pve1/qemu/106/status/start", confirm = "POST /nodes/pve1/qemu/106/status/start" }))
            .AssertSuccess();

        Assert.Equal("OK", result.Structured().GetProperty("exit_status").GetString());
        var status = (await server.CallAsync("get_vm", new { vmid = 106 })).AssertSuccess().Structured();
        Assert.Equal("running", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CallApiWrite_ToAccess_IsRefusedUnlessTheOperatorAllowsIt()
    {
        await using var server = await SimulatedServer.StartAsync();
        var before = server.Cluster.Requests.TotalCount;

        (await server.CallAsync("call_api_write", new { method = "POST", path = "/access/users", @params = new { userid = "eve@pve" }, confirm = "POST /access/users" }))
            .AssertError("PROXMOX_MCP_ALLOW_ACCESS_WRITES=true");

        Assert.Equal(before, server.Cluster.Requests.TotalCount);
    }

    [Fact]
    public async Task CallApiWrite_ToAccess_WhenAllowed_IsSent()
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { AllowAccessWrites = true });
        var before = server.Cluster.Requests.TotalCount;

        await server.CallAsync("call_api_write", new { method = "POST", path = "/access/users", @params = new { userid = "eve@pve" }, confirm = "POST /access/users" });

        Assert.Contains(server.Cluster.Requests.Entries.Skip((int)before), e => e.Method == "POST" && e.Path.EndsWith("/access/users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallApiWrite_DeleteOfAVolumeWhoseIdHoldsASlash_SendsItAsOneSegment()
    {
        await using var server = await SimulatedServer.StartAsync();
        const string path = "/nodes/pve1/storage/local/content/local:iso/debian-12.11.0-amd64-netinst.iso";

        (await server.CallAsync("call_api_write", new { method = "DELETE", path, confirm = "DELETE " + path }))
            .AssertSuccess();

        Assert.Contains(server.Cluster.Requests.Entries, e => e.Method == "DELETE" && e.Path.Contains("/content/local", StringComparison.Ordinal));
        var content = (await server.CallAsync("get_storage_content", new { storage = "local", node = "pve1", content = "iso" })).AssertSuccess().Text();
        Assert.DoesNotContain("debian-12.11.0-amd64-netinst.iso", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallApiWrite_WithGet_PointsToCallApi()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("call_api_write", new { method = "GET", path = "/version" })).AssertError("use call_api");
    }

    [Fact]
    public async Task ReadOnlyMode_OffersCallApiButNotCallApiWrite()
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { ReadOnly = true });

        var names = (await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name).ToList();

        Assert.Contains("call_api", names);
        Assert.Contains("find_api", names);
        Assert.DoesNotContain("call_api_write", names);
    }

    private static string Fill(string template) =>
        string.Join('/', template.Split('/').Select(s => s switch
        {
            "{node}" => "pve1",
            "{vmid}" => template.Contains("/lxc/", StringComparison.Ordinal) ? "200" : "100",
            "{storage}" => "local",
            "{poolid}" => "production",
            "{snapname}" => "before-update",
            "{upid}" => "UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:",
            "{volume}" => "local:iso/debian-12.11.0-amd64-netinst.iso",
            _ when s.StartsWith('{') => "x1",
            _ => s,
        }));

    private static Dictionary<string, object> RequiredParameters(ApiEndpoint endpoint) =>
        endpoint.Params.Where(p => p.Required && !p.InPath && !p.IsNumbered).ToDictionary(
            p => p.Name,
            p => p.Enum is { Count: > 0 } values ? values[0] : p.Type switch
            {
                "integer" or "number" => (object)(p.Min ?? 1),
                "boolean" => false,
                _ => p.Default ?? "x",
            });
}
