using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Errors;

/// <summary>Each error sample replayed through the client, then described by <see cref="ProxmoxErrorTranslator"/>.</summary>
public sealed class ErrorTranslationTests
{
    private static readonly NodeName Node1 = NodeName.Parse("node1");

    private static Func<CancellationToken, Task<IReadOnlyList<string>>> KnownNodes(params string[] names) =>
        _ => Task.FromResult<IReadOnlyList<string>>(names);

    [Fact]
    public async Task Error400_NamesTheBadParameter()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/node1/qemu/100/status/start").RespondErrorSample("error-400-param.json");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            pve.Client.ChangeGuestPowerAsync(Node1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.Equal(400, e.StatusCode);
        Assert.Equal("Parameter verification failed.", e.PveMessage);
        Assert.Equal(
            "Proxmox refused the request's parameters: force: property is not defined in schema and the schema does not allow additional properties.",
            message);
    }

    [Fact]
    public async Task Error400_WithoutBodyMessage_PreEightThree_StillNamesTheParameter()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/node1/qemu/100/status/start").RespondErrorSample("error-400-param-proxmoxer.json");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            pve.Client.ChangeGuestPowerAsync(Node1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.Null(e.BodyMessage);
        Assert.Equal("Parameter verification failed.", e.PveMessage);
        Assert.Contains("command: type check ('string') failed - got ARRAY", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error400_WithSeveralBadParameters_NamesEachOne()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu").RespondStatus(
            400,
            "Parameter verification failed.",
            """{"data":null,"message":"Parameter verification failed.\n","errors":{"net0":"bridge 'vmbr9' does not exist\n","scsi0":"storage 'nfs-9' does not support content-type 'images'\n"}}""");
        var request = new Models.VmCreateRequest(Vm100) { DiskStorage = StorageId.Parse("nfs-9"), NetworkBridge = "vmbr9" };

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.CreateVmAsync(Pve1, request, Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.Equal(["net0", "scsi0"], e.Errors.Keys.Order());
        Assert.Equal(
            "Proxmox refused the request's parameters: net0: bridge 'vmbr9' does not exist; scsi0: storage 'nfs-9' does not support content-type 'images'.",
            message);
        Assert.Contains("(net0: bridge 'vmbr9' does not exist; scsi0:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error401_WithToken_NamesVariablesToCheckButNeverTheSecret()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes").RespondErrorSample("error-401-no-ticket.json");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.Equal("No ticket", e.PveMessage);
        Assert.Equal(
            "Authentication failed (No ticket): the API token 'root@pam!mcp' was refused. Check PROXMOX_TOKEN_ID and PROXMOX_TOKEN_SECRET, " +
            "and that the token still exists and has not expired (Datacenter > Permissions > API Tokens).",
            message);
        Assert.DoesNotContain(PveMock.TokenSecret, message + e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error403_WithToken_NamesPrivilegePathAndPrivilegeSeparation()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/node1/qemu/100/status/start").RespondErrorSample("error-403-permission.json");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            pve.Client.ChangeGuestPowerAsync(Node1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.Equal(
            "Permission denied: Proxmox says 'Permission check failed (/vms/100, VM.PowerMgmt)'. The credentials lack the privilege VM.PowerMgmt on /vms/100. " +
            "An API token with privilege separation has only the permissions granted to the token itself: grant a role to 'root@pam!mcp' " +
            "(e.g. pveum acl modify /vms/100 --tokens 'root@pam!mcp' --roles PVEVMAdmin), or recreate it without privilege separation.",
            message);
        Assert.DoesNotContain(PveMock.TokenSecret, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error403_WithPassword_NamesUserToGrant()
    {
        var options = new ProxmoxOptions { Host = "pve.test", Username = "ops", Realm = "pve", Password = PveMock.Password };
        var e = new ProxmoxApiException(403, "Permission check failed (/storage/local, Datastore.Allocate)", null, new Dictionary<string, string>(), "POST", "/nodes/pve1/qemu");

        var message = await new ProxmoxErrorTranslator(options).DescribeAsync(e, null, Ct);

        Assert.Contains("the privilege Datastore.Allocate on /storage/local", message, StringComparison.Ordinal);
        Assert.Contains("--users 'ops@pve'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(PveMock.Password, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error500DoesNotExist_NamesTheVmAndNode()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/node1/qemu/999/status/current").RespondErrorSample("error-500-not-exist.json");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetGuestStatusAsync(Node1, GuestType.Qemu, VmId.From(999), Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.Equal(500, e.StatusCode);
        Assert.StartsWith("VM 999 does not exist on node node1 (Proxmox: Configuration file 'nodes/node1/qemu-server/999.conf' does not exist).", message, StringComparison.Ordinal);
        Assert.Contains("get_cluster_resources", message, StringComparison.Ordinal);
        Assert.Contains("If 999 is a container, use the *_container tools.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error500DoesNotExist_ForContainer_NamesTheContainerAndNode()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve2/lxc/105/config").RespondStatus(500, "Configuration file 'nodes/pve2/lxc/105.conf' does not exist");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetGuestConfigAsync(Pve2, GuestType.Lxc, VmId.From(105), Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.StartsWith("Container 105 does not exist on node pve2", message, StringComparison.Ordinal);
        Assert.Contains("If 105 is a VM, use the *_vm tools.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error500DoesNotExist_ForOtherObjects_SaysNotFound()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/storage/nfs1/content").RespondStatus(500, "storage 'nfs1' does not exist");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetStorageContentAsync(Pve1, StorageId.Parse("nfs1"), cancellationToken: Ct));

        Assert.StartsWith("Not found: storage 'nfs1' does not exist.", await Translator(pve).DescribeAsync(e, null, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error500Other_CarriesPveText()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start").RespondStatus(500, "VM 100 already running");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct));

        Assert.Equal("Proxmox error (HTTP 500): VM 100 already running", await Translator(pve).DescribeAsync(e, null, Ct));
    }

    [Fact]
    public async Task Error501_NamesRequestAndSupportedVersions()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/node1/qemu/100/rrddata").RespondErrorSample("error-501-no-such-path.json");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            pve.Client.GetGuestRrdDataAsync(Node1, GuestType.Qemu, Vm100, Models.RrdTimeframe.Hour, cancellationToken: Ct));
        var message = await Translator(pve).DescribeAsync(e, null, Ct);

        Assert.Equal(
            "Proxmox does not implement GET /nodes/node1/qemu/100/rrddata (Method 'GET /nodes/node1/qemu/100/foo' not implemented). " +
            "The cluster may run a Proxmox VE version older than this tool supports (8.4 or 9.x).",
            message);
    }

    [Fact]
    public async Task Error595_ForKnownNode_SaysUnreachableAndListsNodes()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/node2/qemu").RespondErrorSample("error-595-node-unreachable.json");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetGuestsAsync(NodeName.Parse("node2"), GuestType.Qemu, Ct));
        var message = await Translator(pve).DescribeAsync(e, KnownNodes("node1", "node2"), Ct);

        Assert.Equal(595, e.StatusCode);
        Assert.Single(pve.Requests);
        Assert.StartsWith("Node 'node2' is not reachable from the node this server talks to (HTTP 595 No route to host)", message, StringComparison.Ordinal);
        Assert.Contains("Known nodes: node1, node2.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(595)]
    [InlineData(596)]
    public async Task UnreachableNode_WhenMisspelt_SaysNoSuchNodeAndListsKnownOnes(int status)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/nod2/status").RespondStatus(status, "Connection refused");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodeStatusAsync(NodeName.Parse("nod2"), Ct));
        var message = await Translator(pve).DescribeAsync(e, KnownNodes("node1", "node2"), Ct);

        Assert.Equal("There is no node 'nod2' in this cluster (Proxmox: Connection refused). Known nodes: node1, node2.", message);
    }

    [Fact]
    public async Task UnreachableNode_WithoutNodeList_StillSaysUnreachable()
    {
        var e = new ProxmoxApiException(596, "tls verify failed", null, new Dictionary<string, string>(), "GET", "/nodes/pve3/status");
        Func<CancellationToken, Task<IReadOnlyList<string>>> failing = _ =>
            Task.FromException<IReadOnlyList<string>>(new HttpRequestException("down"));

        var withoutCallback = await new ProxmoxErrorTranslator(new ProxmoxOptions { Host = "pve.test" }).DescribeAsync(e, null, Ct);
        var withFailingCallback = await new ProxmoxErrorTranslator(new ProxmoxOptions { Host = "pve.test" }).DescribeAsync(e, failing, Ct);

        Assert.StartsWith("Node 'pve3' is not reachable", withoutCallback, StringComparison.Ordinal);
        Assert.Equal(withoutCallback, withFailingCallback);
        Assert.DoesNotContain("Known nodes", withoutCallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_NamesEndpointAndPort()
    {
        var port = ClosedPort();
        var options = new ProxmoxOptions { Host = "127.0.0.1", Port = port, TokenId = "mcp", TokenSecret = PveMock.TokenSecret, MaxGetRetries = 0 };
        using var http = ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System);
        var client = new ProxmoxClient(new ProxmoxHttp(http));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(Ct));
        var message = await new ProxmoxErrorTranslator(options).DescribeAsync(e, null, Ct);

        Assert.Equal(
            $"Connection refused by 127.0.0.1:{port}: is this a Proxmox VE node, is pveproxy running, and is PROXMOX_PORT right (Proxmox uses 8006)?",
            message);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, "Cannot resolve PROXMOX_HOST 'pve.test' (DNS lookup failed): check the name, or use the node's IP address.")]
    [InlineData(SocketError.TryAgain, "Cannot resolve PROXMOX_HOST 'pve.test' (DNS lookup failed): check the name, or use the node's IP address.")]
    [InlineData(SocketError.TimedOut, "Cannot reach pve.test:8006 (TimedOut): check that the node is up and that a firewall allows TCP 8006 from this machine.")]
    [InlineData(SocketError.HostUnreachable, "Cannot reach pve.test:8006 (HostUnreachable): check that the node is up and that a firewall allows TCP 8006 from this machine.")]
    [InlineData(SocketError.ConnectionReset, "The connection to pve.test:8006 was reset (ConnectionReset). If this repeats, check for a proxy or firewall between this server and the node.")]
    public async Task TransportFailure_ThroughClient_IsDescribedBySocketError(SocketError error, string expected)
    {
        using var pve = new PveMock(o => o.MaxGetRetries = 0);
        pve.On(HttpMethod.Get, "/version", ScriptedRoute.Fail(() => new HttpRequestException($"{error} (pve.test:8006)", new SocketException((int)error))));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => pve.Client.GetVersionAsync(Ct));

        Assert.Equal(expected, await Translator(pve).DescribeAsync(e, null, Ct));
    }

    [Fact]
    public async Task TlsFailure_WithoutRecordedRefusal_SaysHandshakeFailed()
    {
        var e = new HttpRequestException("The SSL connection could not be established", new AuthenticationException("no shared cipher"));
        var options = new ProxmoxOptions { Host = "pve.test" };

        var message = await new ProxmoxErrorTranslator(options, new ProxmoxCertificateValidator(options)).DescribeAsync(e, null, Ct);

        Assert.Equal("TLS handshake with pve.test:8006 failed: no shared cipher", message);
    }

    [Fact]
    public async Task ArgumentError_IsItsReason_AndOtherExceptionsAreNotDescribed()
    {
        var translator = new ProxmoxErrorTranslator(new ProxmoxOptions { Host = "pve.test" });
        var argument = Assert.Throws<ProxmoxArgumentException>(() => NodeName.Parse("pve/1"));

        Assert.Equal(argument.Reason, await translator.DescribeAsync(argument, null, Ct));
        Assert.DoesNotContain("(Parameter", argument.Reason, StringComparison.Ordinal);
        Assert.Null(await translator.DescribeAsync(new InvalidOperationException("bug"), null, Ct));
        Assert.Null(await translator.DescribeAsync(new OperationCanceledException(), null, Ct));
    }

    [Fact]
    public async Task NonJsonErrorBody_UsesReasonPhrase()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes").RespondStatus(500, "proxy error", "<html><body>502 Bad Gateway</body></html>");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));

        Assert.Equal("proxy error", e.PveMessage);
        Assert.Equal("GET /nodes failed with HTTP 500: proxy error", e.Message);
    }

    [Theory]
    [InlineData("<html>not json</html>", "is not JSON")]
    [InlineData("""{"success":1}""", "has no 'data' member")]
    public async Task SuccessWithoutPveEnvelope_AsksWhetherHostIsPve(string body, string expected)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes").RespondStatus(200, "OK", body);

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));

        Assert.Contains(expected, e.PveMessage, StringComparison.Ordinal);
        Assert.Contains("is PROXMOX_HOST a Proxmox VE node?", e.PveMessage, StringComparison.Ordinal);
    }

    private static ProxmoxErrorTranslator Translator(PveMock pve) => new(pve.Options, pve.Validator);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
