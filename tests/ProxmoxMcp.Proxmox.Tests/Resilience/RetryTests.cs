using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Resilience;

public sealed class RetryTests
{
    /// <summary>The longest retry delay ProxmoxResilience waits; timeouts here are much longer so they never fire.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(3);

    private static void LongTimeouts(ProxmoxOptions o) => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));

    public static TheoryData<string, Func<ProxmoxClient, Task>> Writes => new()
    {
        { "POST /nodes/pve1/qemu/100/status/start", c => c.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct) },
        { "PUT /nodes/pve1/lxc/100/config", c => c.UpdateContainerConfigAsync(Pve1, Vm100, new GuestConfigChange(new Dictionary<string, string> { ["cores"] = "2" }, []), Ct) },
        { "DELETE /nodes/pve1/qemu/100", c => c.DeleteGuestAsync(Pve1, GuestType.Qemu, Vm100, cancellationToken: Ct) },
        { "POST /nodes/pve1/lxc", c => c.CreateContainerAsync(Pve1, new ContainerCreateRequest(Vm100, VolumeId.Parse("local:vztmpl/a.tar.zst")), Ct) },
    };

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Get_OnGatewayError_IsRetriedAndSucceeds(int status)
    {
        using var pve = new PveMock(LongTimeouts);
        pve.On(HttpMethod.Get, "/nodes").RespondInTurn(
            () => PveResponses.Json((HttpStatusCode)status, "Bad gateway", null),
            () => PveResponses.Data(Samples.Data("nodes.json")));

        var call = pve.Client.GetNodesAsync(Ct);
        var delays = await pve.Time.DriveAsync(call, MaxRetryDelay, Ct);

        Assert.NotEmpty(await call);
        Assert.Equal(2, pve.Requests.Count);
        Assert.Single(delays);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(4, 5)]
    public async Task Get_On503Always_IsTriedOncePlusRetryLimitThenSurfaces(int maxRetries, int expectedCalls)
    {
        using var pve = new PveMock(o => { LongTimeouts(o); o.MaxGetRetries = maxRetries; });
        pve.On(HttpMethod.Get, "/nodes").RespondStatus(503, "Service Unavailable");

        var call = pve.Client.GetNodesAsync(Ct);
        var delays = await pve.Time.DriveAsync(call, MaxRetryDelay, Ct);

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => call);
        Assert.Equal(503, e.StatusCode);
        Assert.Equal(expectedCalls, pve.Requests.Count);
        Assert.Equal(expectedCalls - 1, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), MaxRetryDelay));
    }

    [Fact]
    public async Task Get_OnConnectionFailure_IsRetried()
    {
        using var pve = new PveMock(LongTimeouts);
        var transport = pve.On(
            HttpMethod.Get,
            "/version",
            ScriptedRoute.Fail(() => new HttpRequestException("Connection refused (pve.test:8006)", new SocketException((int)SocketError.ConnectionRefused))),
            ScriptedRoute.Fail(() => new HttpRequestException("Connection reset", new IOException("reset"))),
            ScriptedRoute.Answer(() => PveResponses.Data(Samples.Data("version.json"))));

        var call = pve.Client.GetVersionAsync(Ct);
        await pve.Time.DriveAsync(call, MaxRetryDelay, Ct);

        Assert.NotNull((await call).Version);
        Assert.Equal(3, transport.Calls);
    }

    [Fact]
    public async Task Get_WhenRetried_SendsTokenHeaderOnceEachTime()
    {
        using var pve = new PveMock(LongTimeouts);
        pve.On(HttpMethod.Get, "/nodes").RespondInTurn(
            () => PveResponses.Json(HttpStatusCode.ServiceUnavailable, "busy", null),
            () => PveResponses.Json(HttpStatusCode.BadGateway, "busy", null),
            () => PveResponses.Data("[]"));

        var call = pve.Client.GetNodesAsync(Ct);
        await pve.Time.DriveAsync(call, MaxRetryDelay, Ct);
        await call;

        Assert.Equal(3, pve.Requests.Count);
        Assert.All(pve.Requests, r => Assert.Equal(["PVEAPIToken=root@pam!mcp=" + PveMock.TokenSecret], r.HeaderValues("Authorization")));
    }

    [Fact]
    public async Task Get_WhenRetriedWithTicket_SendsCookieOnceEachTime()
    {
        using var pve = new PveMock(o => { LongTimeouts(o); (o.TokenId, o.TokenSecret, o.Password) = (null, null, PveMock.Password); });
        pve.OnLogin();
        pve.On(HttpMethod.Get, "/nodes").RespondInTurn(
            () => PveResponses.Json(HttpStatusCode.ServiceUnavailable, "busy", null),
            () => PveResponses.Data("[]"));

        var call = pve.Client.GetNodesAsync(Ct);
        await pve.Time.DriveAsync(call, MaxRetryDelay, Ct);
        await call;

        Assert.Equal(2, pve.ApiRequests.Count);
        Assert.All(pve.ApiRequests, r => Assert.Equal(["PVEAuthCookie=" + PveMock.Ticket], r.HeaderValues("Cookie")));
    }

    [Theory]
    [InlineData(400, "Parameter verification failed.")]
    [InlineData(401, "No ticket")]
    [InlineData(403, "Permission check failed (/nodes/pve1, Sys.Audit)")]
    [InlineData(500, "Configuration file 'nodes/pve1/qemu-server/100.conf' does not exist")]
    [InlineData(501, "Method 'GET /nodes/pve1/foo' not implemented")]
    [InlineData(595, "No route to host")]
    [InlineData(596, "tls error")]
    public async Task Get_OnPveAnswer_IsNotRetried(int status, string reason)
    {
        using var pve = new PveMock(LongTimeouts);
        pve.On(HttpMethod.Get, "/nodes/pve1/status").RespondStatus(status, reason);

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodeStatusAsync(Pve1, Ct));

        Assert.Equal(status, e.StatusCode);
        Assert.Equal(reason, e.PveMessage);
        Assert.Single(pve.Requests);
    }

    [Fact]
    public async Task Get_OnTlsRefusal_IsNotRetried()
    {
        using var pve = new PveMock(LongTimeouts);
        pve.On(HttpMethod.Get, "/version", ScriptedRoute.Fail(() =>
            new HttpRequestException("The SSL connection could not be established", new AuthenticationException("remote certificate rejected"))));

        await Assert.ThrowsAsync<HttpRequestException>(() => pve.Client.GetVersionAsync(Ct));

        Assert.Single(pve.Requests);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_On503_IsNeverRetried(string route, Func<ProxmoxClient, Task> call)
    {
        using var pve = new PveMock(LongTimeouts);
        var (method, path) = Split(route);
        pve.On(method, path).RespondStatus(503, "Service Unavailable");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => call(pve.Client));

        Assert.Equal(503, e.StatusCode);
        Assert.Equal(1, pve.Count(method, path));
        Assert.Single(pve.Requests);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_OnConnectionFailure_IsNeverRetried(string route, Func<ProxmoxClient, Task> call)
    {
        using var pve = new PveMock(LongTimeouts);
        var (method, path) = Split(route);
        var transport = pve.On(
            method,
            path,
            ScriptedRoute.Fail(() => new HttpRequestException("Connection reset", new SocketException((int)SocketError.ConnectionReset))),
            ScriptedRoute.Answer(() => PveResponses.Data(UpidJson())));

        await Assert.ThrowsAsync<HttpRequestException>(() => call(pve.Client));

        Assert.Equal(1, transport.Calls);
    }

    internal static (HttpMethod Method, string Path) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (new HttpMethod(route[..space]), route[(space + 1)..]);
    }
}
