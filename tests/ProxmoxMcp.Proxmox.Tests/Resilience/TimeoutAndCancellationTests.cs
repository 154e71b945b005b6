using Polly.Timeout;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Resilience;

/// <summary>
/// Timeouts run on fake time: a route that never answers (but honours cancellation, like a socket) and a clock the
/// test advances. Timeout = a guard against a hang if a timeout is not honoured; no test measures real time.
/// </summary>
public sealed class TimeoutAndCancellationTests
{
    private const int HangGuard = 60_000;
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(3);

    private static PveMock Mock(int retries = 2, TimeSpan? total = null) => new(o =>
    {
        o.AttemptTimeout = Attempt;
        o.TotalTimeout = total ?? TimeSpan.FromHours(1);
        o.MaxGetRetries = retries;
    });

    [Fact(Timeout = HangGuard)]
    public async Task Get_WhenAttemptTimesOut_IsRetriedAndSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock();
        var route = pve.On(HttpMethod.Get, "/nodes", ScriptedRoute.Hang(), ScriptedRoute.Answer(() => PveResponses.Data("[]")));

        var call = pve.Client.GetNodesAsync(ct);
        await route.WaitForCallAsync(1, ct);
        pve.Time.Advance(Attempt);
        await pve.Time.DriveAsync(call, MaxRetryDelay, ct);

        Assert.Empty(await call);
        Assert.Equal(2, route.Calls);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Get_WhenEveryAttemptTimesOut_ThrowsTimeoutAfterRetryLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock(retries: 1);
        var route = pve.On(HttpMethod.Get, "/nodes", ScriptedRoute.Hang());

        var call = pve.Client.GetNodesAsync(ct);
        await route.WaitForCallAsync(1, ct);
        pve.Time.Advance(Attempt);
        await pve.Time.AdvancePastNextDelayAsync(MaxRetryDelay, ct);
        await route.WaitForCallAsync(2, ct);
        pve.Time.Advance(Attempt - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);
        pve.Time.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        Assert.Equal(2, route.Calls);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Get_WhenTotalTimeoutPasses_StopsWithTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(o => (o.AttemptTimeout, o.TotalTimeout, o.MaxGetRetries) = (TimeSpan.FromHours(1), TimeSpan.FromSeconds(30), 5));
        var route = pve.On(HttpMethod.Get, "/nodes", ScriptedRoute.Hang());

        var call = pve.Client.GetNodesAsync(ct);
        await route.WaitForCallAsync(1, ct);
        pve.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        pve.Time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        Assert.Equal(1, route.Calls);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Get_WhenTotalTimeoutPassesDuringRetries_StopsRetrying()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock(retries: 10, total: TimeSpan.FromSeconds(25));
        var route = pve.On(HttpMethod.Get, "/nodes", ScriptedRoute.Hang());

        var call = pve.Client.GetNodesAsync(ct);
        await route.WaitForCallAsync(1, ct);
        pve.Time.Advance(Attempt);
        var firstDelay = await pve.Time.AdvancePastNextDelayAsync(MaxRetryDelay, ct);
        await route.WaitForCallAsync(2, ct);
        pve.Time.Advance(TimeSpan.FromSeconds(25) - Attempt - firstDelay);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        Assert.Equal(2, route.Calls);
    }

    [Theory(Timeout = HangGuard)]
    [MemberData(nameof(RetryTests.Writes), MemberType = typeof(RetryTests))]
    public async Task Write_WhenAttemptTimesOut_ThrowsTimeoutWithoutRetry(string route, Func<ProxmoxClient, Task> call)
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock();
        var (method, path) = RetryTests.Split(route);
        var scripted = pve.On(method, path, ScriptedRoute.Hang(), ScriptedRoute.Answer(() => PveResponses.Data(UpidJson())));

        var task = call(pve.Client);
        await scripted.WaitForCallAsync(1, ct);
        pve.Time.Advance(Attempt);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => task);
        Assert.Equal(1, scripted.Calls);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Get_WhenBodyStallsAfterHeaders_AttemptTimeoutAppliesAndRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock();
        var route = pve.On(HttpMethod.Get, "/nodes", ScriptedRoute.StallBody(), ScriptedRoute.Answer(() => PveResponses.Data("[]")));

        var call = pve.Client.GetNodesAsync(ct);
        await route.WaitForCallAsync(1, ct);
        pve.Time.Advance(Attempt);
        await pve.Time.DriveAsync(call, MaxRetryDelay, ct);

        Assert.Empty(await call);
        Assert.Equal(2, route.Calls);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Post_WhenBodyStallsAfterHeaders_ThrowsTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock();
        var route = pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start", ScriptedRoute.StallBody());

        var call = pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: ct);
        await route.WaitForCallAsync(1, ct);
        pve.Time.Advance(Attempt);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        Assert.Equal(1, route.Calls);
    }

    [Fact]
    public async Task TimeoutMessage_NamesEndpointAndBothTimeouts()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new ProxmoxOptions { Host = "pve.test", AttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromSeconds(45) };

        var message = await new ProxmoxErrorTranslator(options).DescribeAsync(new TimeoutRejectedException(), null, ct);

        Assert.Equal(
            "Proxmox at pve.test:8006 did not answer within 20 s (per attempt) / 45 s (in all). " +
            "The node may be overloaded or unreachable; try again, or check the network path to it.",
            message);
    }

    [Theory(Timeout = HangGuard)]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Call_WhenCallerCancelsWhileWaiting_ThrowsCanceledWithoutRetry(string method)
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var route = method switch
        {
            "GET" => pve.On(HttpMethod.Get, "/nodes", ScriptedRoute.Hang()),
            "POST" => pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start", ScriptedRoute.Hang()),
            _ => pve.On(HttpMethod.Delete, "/pools", ScriptedRoute.Hang()),
        };
        Task call = method switch
        {
            "GET" => pve.Client.GetNodesAsync(cts.Token),
            "POST" => pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: cts.Token),
            _ => pve.Client.DeletePoolAsync(PoolId.Parse("prod"), cts.Token),
        };

        await route.WaitForCallAsync(1, ct);
        await cts.CancelAsync();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.Equal(1, route.Calls);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Get_WhenCallerCancelsDuringRetryDelay_StopsRetrying()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var route = pve.On(HttpMethod.Get, "/nodes", ScriptedRoute.Answer(() => PveResponses.Json(System.Net.HttpStatusCode.ServiceUnavailable, "busy", null)));

        var call = pve.Client.GetNodesAsync(cts.Token);
        while (await pve.Time.NextTimerAsync(ct) > MaxRetryDelay)
        {
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, route.Calls);
    }

    [Fact]
    public async Task Calls_WithCancelledToken_SendNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = Mock();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pve.Client.GetNodesAsync(cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Stop, cancellationToken: cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pve.Client.GetTaskStatusAsync(QemuStart, cts.Token));

        Assert.Empty(pve.Requests);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Login_WhenCallerCancels_ThrowsCanceled()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(o => (o.TokenId, o.TokenSecret, o.Password) = (null, null, PveMock.Password));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var login = pve.On(HttpMethod.Post, "/access/ticket", ScriptedRoute.Hang());

        var call = pve.Client.GetNodesAsync(cts.Token);
        await login.WaitForCallAsync(1, ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(pve.ApiRequests);
    }
}
