using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Auth;

public sealed class TicketAuthTests
{
    private const string RenewedTicket = "PVE:root@pam:68D7300C::cmVuZXdlZA==";
    private const string RenewedCsrf = "68D7300C:cmVuZXdlZGNzcmY=";
    private const string LoginForm = "username=root%40pam&password=correct%20horse%20battery%20staple";

    private static PveMock PasswordMock(Action<Configuration.ProxmoxOptions>? configure = null) =>
        new(o =>
        {
            (o.TokenId, o.TokenSecret, o.Password) = (null, null, PveMock.Password);
            configure?.Invoke(o);
        });

    [Fact]
    public async Task Login_PostsUserAndPasswordFormToAccessTicket()
    {
        using var pve = PasswordMock();
        pve.OnLogin();
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");

        await pve.Client.GetVersionAsync(Ct);

        var login = pve.Requests[0];
        login.ShouldBePost("/access/ticket", LoginForm);
        Assert.Empty(login.HeaderValues("Cookie"));
        Assert.Empty(login.HeaderValues("Authorization"));
        Assert.Empty(login.HeaderValues("CSRFPreventionToken"));
    }

    [Fact]
    public async Task Login_EncodesUserIdWithRealmAndSpecialCharactersInPassword()
    {
        using var pve = PasswordMock(o => (o.Username, o.Password) = ("admin@pve", "p+ss&w=rd%"));
        pve.OnLogin();
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");

        await pve.Client.GetVersionAsync(Ct);

        pve.Requests[0].ShouldBePost("/access/ticket", "username=admin%40pve&password=p%2Bss%26w%3Drd%25");
    }

    [Fact]
    public async Task Ticket_IsSentAsCookieOnEveryRequest_AndCsrfOnlyOnWrites()
    {
        using var pve = PasswordMock();
        pve.OnLogin();
        pve.On(HttpMethod.Get, "/nodes").RespondSample("nodes.json");
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start").RespondData(UpidJson());
        pve.On(HttpMethod.Put, "/nodes/pve1/lxc/100/config").RespondData("null");
        pve.On(HttpMethod.Delete, "/nodes/pve1/qemu/100").RespondData(UpidJson());

        await pve.Client.GetNodesAsync(Ct);
        await pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct);
        await pve.Client.UpdateContainerConfigAsync(Pve1, Vm100, new Models.GuestConfigChange(new Dictionary<string, string> { ["cores"] = "2" }, []), Ct);
        await pve.Client.DeleteGuestAsync(Pve1, GuestType.Qemu, Vm100, cancellationToken: Ct);

        Assert.Single(pve.Logins);
        var api = pve.ApiRequests;
        Assert.Equal(["GET", "POST", "PUT", "DELETE"], api.Select(r => r.Method));
        Assert.All(api, r => Assert.Equal(["PVEAuthCookie=" + PveMock.Ticket], r.HeaderValues("Cookie")));
        Assert.Empty(api[0].HeaderValues("CSRFPreventionToken"));
        Assert.All(api.Skip(1), r => Assert.Equal([PveMock.Csrf], r.HeaderValues("CSRFPreventionToken")));
        Assert.All(api, r => Assert.Empty(r.HeaderValues("Authorization")));
    }

    [Fact]
    public async Task ConcurrentFirstRequests_LogInOnce()
    {
        using var pve = PasswordMock();
        pve.OnLogin();
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => pve.Client.GetVersionAsync(Ct)));

        Assert.Single(pve.Logins);
        Assert.Equal(8, pve.ApiRequests.Count);
    }

    [Fact]
    public async Task Ticket_IsReusedBefore90Minutes_AndRenewedAfterByPostingItAsPassword()
    {
        using var pve = PasswordMock();
        pve.On(HttpMethod.Post, "/access/ticket").RespondInTurn(
            () => PveResponses.Data($$"""{"username":"root@pam","ticket":"{{PveMock.Ticket}}","CSRFPreventionToken":"{{PveMock.Csrf}}"}"""),
            () => PveResponses.Data($$"""{"username":"root@pam","ticket":"{{RenewedTicket}}","CSRFPreventionToken":"{{RenewedCsrf}}"}"""));
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");
        pve.On(HttpMethod.Post, "/pools").RespondData("null");

        await pve.Client.GetVersionAsync(Ct);
        pve.Time.Advance(TimeSpan.FromMinutes(89));
        await pve.Client.GetVersionAsync(Ct);
        Assert.Single(pve.Logins);

        pve.Time.Advance(TimeSpan.FromMinutes(2));
        await pve.Client.GetVersionAsync(Ct);
        await pve.Client.CreatePoolAsync(PoolId.Parse("prod"), cancellationToken: Ct);

        Assert.Equal(2, pve.Logins.Count);
        pve.Logins[1].ShouldBePost("/access/ticket", "username=root%40pam&password=" + Uri.EscapeDataString(PveMock.Ticket));
        var api = pve.ApiRequests;
        Assert.Equal(["PVEAuthCookie=" + PveMock.Ticket], api[1].HeaderValues("Cookie"));
        Assert.Equal(["PVEAuthCookie=" + RenewedTicket], api[2].HeaderValues("Cookie"));
        Assert.Equal([RenewedCsrf], api[3].HeaderValues("CSRFPreventionToken"));
    }

    [Fact]
    public async Task Renewal_WhenOldTicketRefused_LogsInWithPassword()
    {
        using var pve = PasswordMock();
        pve.On(HttpMethod.Post, "/access/ticket").RespondInTurn(
            () => PveResponses.Data($$"""{"ticket":"{{PveMock.Ticket}}","CSRFPreventionToken":"{{PveMock.Csrf}}"}"""),
            () => PveResponses.Json(System.Net.HttpStatusCode.Unauthorized, "authentication failure", null),
            () => PveResponses.Data($$"""{"ticket":"{{RenewedTicket}}","CSRFPreventionToken":"{{RenewedCsrf}}"}"""));
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");

        await pve.Client.GetVersionAsync(Ct);
        pve.Time.Advance(TimeSpan.FromHours(3));
        await pve.Client.GetVersionAsync(Ct);

        Assert.Equal(3, pve.Logins.Count);
        Assert.Equal(Uri.EscapeDataString(PveMock.Ticket), pve.Logins[1].Body!.Split("password=")[1]);
        pve.Logins[2].ShouldBePost("/access/ticket", LoginForm);
        Assert.Equal(["PVEAuthCookie=" + RenewedTicket], pve.ApiRequests[1].HeaderValues("Cookie"));
    }

    [Fact]
    public async Task Request_On401_LogsInAgainWithPasswordAndResendsOnce()
    {
        using var pve = PasswordMock();
        pve.On(HttpMethod.Post, "/access/ticket").RespondInTurn(
            () => PveResponses.Data($$"""{"ticket":"{{PveMock.Ticket}}","CSRFPreventionToken":"{{PveMock.Csrf}}"}"""),
            () => PveResponses.Data($$"""{"ticket":"{{RenewedTicket}}","CSRFPreventionToken":"{{RenewedCsrf}}"}"""));
        pve.On(HttpMethod.Get, "/nodes").RespondInTurn(
            () => PveResponses.Json(System.Net.HttpStatusCode.Unauthorized, "No ticket", null),
            () => PveResponses.Data(Samples.Data("nodes.json")));

        var nodes = await pve.Client.GetNodesAsync(Ct);

        Assert.NotEmpty(nodes);
        Assert.Equal(["POST /access/ticket", "GET /nodes", "POST /access/ticket", "GET /nodes"], pve.Requests.Select(Describe));
        pve.Requests[2].ShouldBePost("/access/ticket", LoginForm);
        Assert.Equal(["PVEAuthCookie=" + RenewedTicket], pve.Requests[3].HeaderValues("Cookie"));
    }

    [Fact]
    public async Task Post_On401_IsResentOnceWithSameBodyAndNewCsrf()
    {
        using var pve = PasswordMock();
        pve.On(HttpMethod.Post, "/access/ticket").RespondInTurn(
            () => PveResponses.Data($$"""{"ticket":"{{PveMock.Ticket}}","CSRFPreventionToken":"{{PveMock.Csrf}}"}"""),
            () => PveResponses.Data($$"""{"ticket":"{{RenewedTicket}}","CSRFPreventionToken":"{{RenewedCsrf}}"}"""));
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/snapshot").RespondInTurn(
            () => PveResponses.Json(System.Net.HttpStatusCode.Unauthorized, "Permission denied - invalid csrf token", null),
            () => PveResponses.Data(UpidJson()));

        await pve.Client.CreateSnapshotAsync(Pve1, GuestType.Qemu, Vm100, SnapshotName.Parse("s1"), "d e", cancellationToken: Ct);

        var posts = pve.ApiRequests;
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => p.ShouldBePost("/nodes/pve1/qemu/100/snapshot", "snapname=s1&description=d%20e"));
        Assert.Equal([RenewedCsrf], posts[1].HeaderValues("CSRFPreventionToken"));
        Assert.Equal(["PVEAuthCookie=" + RenewedTicket], posts[1].HeaderValues("Cookie"));
        Assert.All(posts, p => Assert.Equal(["proxmox-mcp"], p.HeaderValues("User-Agent")));
    }

    [Fact]
    public async Task Request_OnSecond401_Surfaces()
    {
        using var pve = PasswordMock();
        pve.OnLogin();
        pve.On(HttpMethod.Get, "/nodes").RespondStatus(401, "No ticket");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));

        Assert.Equal(401, e.StatusCode);
        Assert.Equal(2, pve.Count(HttpMethod.Get, "/nodes"));
        Assert.Equal(2, pve.Logins.Count);
    }

    [Fact]
    public async Task Login_WhenRefused_SurfacesAndMessageNamesSettingsNotPassword()
    {
        using var pve = PasswordMock();
        pve.On(HttpMethod.Post, "/access/ticket").RespondStatus(401, "authentication failure");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));

        Assert.Equal(401, e.StatusCode);
        Assert.Equal("/access/ticket", e.Path);
        Assert.Single(pve.Requests);
        var message = await new ProxmoxErrorTranslator(pve.Options).DescribeAsync(e, null, Ct);
        Assert.Contains("root@pam", message, StringComparison.Ordinal);
        Assert.Contains("PROXMOX_USERNAME", message, StringComparison.Ordinal);
        Assert.Contains("PROXMOX_REALM", message, StringComparison.Ordinal);
        Assert.Contains("PROXMOX_PASSWORD", message, StringComparison.Ordinal);
        Assert.DoesNotContain(PveMock.Password, message, StringComparison.Ordinal);
        Assert.DoesNotContain(PveMock.Password, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WhenSecondFactorNeeded_IsRefusedClearlyAndNothingElseIsSent()
    {
        using var pve = PasswordMock();
        pve.OnLogin(needTfa: true);

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));

        Assert.Equal(401, e.StatusCode);
        Assert.Contains("Two-factor", e.PveMessage + e.ReasonPhrase, StringComparison.Ordinal);
        Assert.Contains("API token", e.PveMessage, StringComparison.Ordinal);
        Assert.Single(pve.Requests);
        var message = await new ProxmoxErrorTranslator(pve.Options).DescribeAsync(e, null, Ct);
        Assert.Contains("API token", message, StringComparison.Ordinal);
    }

    private static string Describe(RecordedRequest r) => $"{r.Method} {r.Path[RecordedRequest.ApiPrefix.Length..]}";
}
