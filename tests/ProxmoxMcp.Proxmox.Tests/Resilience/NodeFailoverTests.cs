using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;

namespace ProxmoxMcp.Proxmox.Tests.Resilience;

/// <summary>
/// A cluster with several node addresses: a request whose connection cannot be made goes to the next address (writes
/// too, since no node saw it), the address that answered is used first afterwards, and a PVE answer is never failed over.
/// </summary>
public sealed class NodeFailoverTests
{
    private const string Secret = "5e1f6d1a-7c3b-4d2e-9f00-123456789abc";

    [Fact]
    public async Task Get_WhenFirstAddressRefuses_GoesToNextAndRemembersIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = new FakeNodes("pve1.test");
        var client = Client(nodes, o => o.FailoverHosts = ["pve2.test", "pve3.test"]);

        Assert.Equal("9.0.3", (await client.GetVersionAsync(ct)).Version);
        Assert.Equal("9.0.3", (await client.GetVersionAsync(ct)).Version);

        Assert.Equal(["pve1.test GET", "pve2.test GET", "pve2.test GET"], nodes.Log);
    }

    [Fact]
    public async Task Post_WhenFirstAddressRefuses_IsSentExactlyOnceToTheNext()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = new FakeNodes("pve1.test");
        var http = new ProxmoxHttp(Create(nodes, o => o.FailoverHosts = ["pve2.test"]));

        using var reply = await http.SendAsync(HttpMethod.Post, PvePath.Of($"/nodes/pve1/qemu/100/status/start"), null, ct);

        Assert.Equal(["pve1.test POST", "pve2.test POST"], nodes.Log);
        Assert.Equal(1, nodes.Log.Count(l => l.EndsWith("POST", StringComparison.Ordinal) && l.StartsWith("pve2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PveErrorAnswer_IsNotFailedOver()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = new FakeNodes() { Status = HttpStatusCode.InternalServerError };
        var client = Client(nodes, o => o.FailoverHosts = ["pve2.test"]);

        await Assert.ThrowsAsync<ProxmoxApiException>(() => client.GetVersionAsync(ct));

        Assert.All(nodes.Log, l => Assert.StartsWith("pve1.test", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllAddressesRefuse_ErrorNamesTheClusterAndEveryAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = new FakeNodes("pve1.test", "10.0.0.12");
        var options = Options(o => (o.FailoverHosts, o.ClusterName) = (["10.0.0.12"], "lab"));
        var client = new ProxmoxClient(new ProxmoxHttp(ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System, nodes)));

        var e = await Assert.ThrowsAsync<NodesUnreachableException>(() => client.GetVersionAsync(ct));
        var message = await new ProxmoxErrorTranslator(options).DescribeAsync(e, null, ct);

        Assert.Equal(2, e.Attempts.Count);
        Assert.Equal("All 2 addresses of cluster 'lab' failed (pve1.test:8006 connection refused; 10.0.0.12:8006 connection refused). " +
            "Check that at least one node is up and pveproxy runs on it, and that a firewall allows TCP 8006 from this machine; `proxmox-mcp check` tests each address.", message);
    }

    [Fact]
    public async Task PasswordLogin_WhenFirstAddressRefuses_LogsInAndCallsOnTheNext()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = new FakeNodes("pve1.test");
        var client = Client(nodes, o => (o.FailoverHosts, o.TokenId, o.TokenSecret, o.Password) = (["pve2.test"], null, null, "pw"));

        Assert.Equal("9.0.3", (await client.GetVersionAsync(ct)).Version);

        Assert.Equal(["pve1.test POST /api2/json/access/ticket", "pve2.test POST /api2/json/access/ticket", "pve2.test GET /api2/json/version cookie"], nodes.Detailed);
    }

    [Fact]
    public void CertificateRefusal_IsNotTakenForADeadNode()
    {
        var refused = new HttpRequestException(HttpRequestError.SecureConnectionError, "TLS", new AuthenticationException("rejected"));
        var reset = new HttpRequestException(HttpRequestError.SecureConnectionError, "TLS", new IOException("reset"));
        var connectTimeout = new TaskCanceledException("connect", new TimeoutException());

        Assert.False(NodeFailoverHandler.NeverReachedNode(refused, CancellationToken.None));
        Assert.True(NodeFailoverHandler.NeverReachedNode(reset, CancellationToken.None));
        Assert.True(NodeFailoverHandler.NeverReachedNode(connectTimeout, CancellationToken.None));
        Assert.False(NodeFailoverHandler.NeverReachedNode(connectTimeout, new CancellationToken(canceled: true)));
        Assert.False(NodeFailoverHandler.NeverReachedNode(new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), CancellationToken.None));
    }

    [Fact]
    public void BaseAddresses_StartWithHostAndDropDuplicates()
    {
        var options = Options(o => (o.Host, o.FailoverHosts) = ("pve.test", ["PVE.test", "https://pve2.test:8007"]));

        Assert.Equal(["https://pve.test:8006/api2/json/", "https://pve2.test:8007/api2/json/"], options.BaseAddresses.Select(u => u.ToString()));
    }

    private static ProxmoxOptions Options(Action<ProxmoxOptions> configure)
    {
        var options = new ProxmoxOptions { Host = "pve1.test", TokenId = "mcp", TokenSecret = Secret, MaxGetRetries = 0 };
        configure(options);
        return options;
    }

    private static HttpClient Create(FakeNodes nodes, Action<ProxmoxOptions> configure)
    {
        var options = Options(configure);
        return ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System, nodes);
    }

    private static ProxmoxClient Client(FakeNodes nodes, Action<ProxmoxOptions> configure) => new(new ProxmoxHttp(Create(nodes, configure)));

    /// <summary>Nodes by host name: the listed ones refuse connections, the others answer.</summary>
    private sealed class FakeNodes(params string[] down) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<(string Short, string Long)> log = new();

        public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

        public IReadOnlyList<string> Log => [.. log.Select(l => l.Short)];

        public IReadOnlyList<string> Detailed => [.. log.Select(l => l.Long)];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var cookie = request.Headers.Contains("Cookie") ? " cookie" : "";
            log.Enqueue(($"{uri.Host} {request.Method}", $"{uri.Host} {request.Method} {uri.AbsolutePath}{cookie}"));
            if (down.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));
            }

            var body = uri.AbsolutePath.EndsWith("/access/ticket", StringComparison.Ordinal)
                ? """{"data":{"ticket":"PVE:root@pam:1::x","CSRFPreventionToken":"1:y","username":"root@pam"}}"""
                : uri.AbsolutePath.EndsWith("/version", StringComparison.Ordinal) ? """{"data":{"version":"9.0.3","release":"9.0","repoid":"abc"}}"""
                : """{"data":"UPID:pve1:00001234:00005678:6751A2B3:qmstart:100:root@pam!mcp:"}""";
            return Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
        }
    }
}
