namespace ProxmoxMcp.Simulator.Tests;

public class AuthTests
{
    private static Dictionary<string, string> H(params (string, string)[] h) =>
        h.ToDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task Request_WithoutCredentials_Is401NoTicketWithEmptyBody()
    {
        using var sim = new Sim();
        var r = await sim.Send("GET", "/nodes", headers: H());
        Assert.Equal(401, r.Status);
        Assert.Equal("No ticket", r.ReasonPhrase);
        Assert.Empty(r.Body);
    }

    [Theory]
    [InlineData("PVEAPIToken=root@pam!mcp=wrong-secret")]
    [InlineData("PVEAPIToken=root@pam!nosuchtoken=5e1f6d1a-0000-4000-8000-00000000demo")]
    [InlineData("PVEAPIToken=root@pam!mcp")]
    public async Task Request_WithBadApiToken_Is401AuthenticationFailed(string header)
    {
        using var sim = new Sim();
        var r = await sim.Send("GET", "/nodes", headers: Sim.Auth(header));
        Assert.Equal(401, r.Status);
        Assert.Equal("Authentication failed!", r.ReasonPhrase);
        Assert.Empty(r.Body);
    }

    [Fact]
    public async Task Request_WithBearerStyleHeader_IsTreatedAsNoTicket()
    {
        using var sim = new Sim();
        var r = await sim.Send("GET", "/nodes", headers: Sim.Auth("Bearer root@pam!mcp=5e1f6d1a-0000-4000-8000-00000000demo"));
        Assert.Equal(401, r.Status);
        Assert.Equal("No ticket", r.ReasonPhrase);
    }

    [Fact]
    public async Task PasswordLogin_ReturnsTicketCsrfCapAndClustername()
    {
        using var sim = new Sim();
        var r = await sim.Send("POST", "/access/ticket", form: [("username", "root@pam"), ("password", SimulatedCredentials.AdminPassword)], headers: H());
        Assert.Equal(200, r.Status);
        var d = r.Data!;
        Assert.StartsWith("PVE:root@pam:", (string?)d["ticket"]);
        Assert.Matches("^[0-9A-F]{8}:", (string)d["CSRFPreventionToken"]!);
        Assert.Equal("root@pam", (string?)d["username"]);
        Assert.Equal("demo", (string?)d["clustername"]);
        Assert.Equal(1, (int)d["cap"]!["vms"]!["VM.PowerMgmt"]!);
    }

    [Fact]
    public async Task PasswordLogin_WithRealmParameter_Works()
    {
        using var sim = new Sim();
        var r = await sim.Send("POST", "/access/ticket", form: [("username", "root"), ("realm", "pam"), ("password", SimulatedCredentials.AdminPassword)], headers: H());
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task PasswordLogin_WithWrongPassword_Is401AuthenticationFailure()
    {
        using var sim = new Sim();
        var r = await sim.Send("POST", "/access/ticket", form: [("username", "root@pam"), ("password", "nope")], headers: H());
        Assert.Equal(401, r.Status);
        Assert.Equal("authentication failure", r.ReasonPhrase);
    }

    private static async Task<(string Ticket, string Csrf)> Login(Sim sim)
    {
        var r = await sim.Send("POST", "/access/ticket", form: [("username", "root@pam"), ("password", SimulatedCredentials.AdminPassword)], headers: H());
        return ((string)r.Data!["ticket"]!, (string)r.Data!["CSRFPreventionToken"]!);
    }

    [Fact]
    public async Task Ticket_InCookie_AuthorisesGet_AndWriteNeedsCsrfToken()
    {
        using var sim = new Sim();
        var (ticket, csrf) = await Login(sim);
        var cookie = $"PVEAuthCookie={Uri.EscapeDataString(ticket)}";
        Assert.Equal(200, (await sim.Send("GET", "/nodes", headers: H(("Cookie", cookie)))).Status);

        var noCsrf = await sim.Send("POST", "/nodes/pve1/qemu/106/status/start", headers: H(("Cookie", cookie)));
        Assert.Equal(401, noCsrf.Status);
        Assert.Equal("Permission denied - invalid csrf token", noCsrf.ReasonPhrase);

        var badCsrf = await sim.Send("POST", "/nodes/pve1/qemu/106/status/start", headers: H(("Cookie", cookie), ("CSRFPreventionToken", "00000000:bogus")));
        Assert.Equal(401, badCsrf.Status);

        var ok = await sim.Send("POST", "/nodes/pve1/qemu/106/status/start", headers: H(("Cookie", cookie), ("CSRFPreventionToken", csrf)));
        Assert.Equal(200, ok.Status);
    }

    [Fact]
    public async Task Ticket_ExpiresAfterTwoHoursOfSimulatorTime()
    {
        using var sim = new Sim();
        var (ticket, _) = await Login(sim);
        var cookie = H(("Cookie", $"PVEAuthCookie={ticket}"));
        sim.Time.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(200, (await sim.Send("GET", "/version", headers: cookie)).Status);
        sim.Time.Advance(TimeSpan.FromMinutes(2));
        var r = await sim.Send("GET", "/version", headers: cookie);
        Assert.Equal(401, r.Status);
        Assert.Equal("Authentication failed!", r.ReasonPhrase);
    }

    [Fact]
    public async Task Ticket_CanBeRenewedByPostingItAsPassword()
    {
        using var sim = new Sim();
        var (ticket, _) = await Login(sim);
        sim.Time.Advance(TimeSpan.FromMinutes(100));
        var r = await sim.Send("POST", "/access/ticket", form: [("username", "root@pam"), ("password", ticket)], headers: H());
        Assert.Equal(200, r.Status);
        var renewed = (string)r.Data!["ticket"]!;
        Assert.NotEqual(ticket, renewed);
        sim.Time.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal(200, (await sim.Send("GET", "/version", headers: H(("Cookie", $"PVEAuthCookie={renewed}")))).Status);
        Assert.Equal(401, (await sim.Send("GET", "/version", headers: H(("Cookie", $"PVEAuthCookie={ticket}")))).Status);
    }

    [Fact]
    public async Task ApiToken_NeedsNoCsrfTokenForWrites()
    {
        using var sim = new Sim();
        var r = await sim.Post("/nodes/pve1/qemu/106/status/start");
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task AuditorToken_WriteIs403WithPathAndPrivilegeFromSchema()
    {
        using var sim = new Sim { Authorization = SimulatedCredentials.AuditorAuthorizationHeader };
        var r = await sim.Post("/nodes/pve1/qemu/100/status/start");
        Assert.Equal(403, r.Status);
        Assert.Equal("Permission check failed (/vms/100, VM.PowerMgmt)", r.ReasonPhrase);
        Assert.Equal("Permission check failed (/vms/100, VM.PowerMgmt)\n", (string?)r.Json!["message"]);

        var cfg = await sim.Put("/nodes/pve1/qemu/100/config", ("cores", "4"));
        Assert.Equal(403, cfg.Status);
        Assert.StartsWith("Permission check failed (/vms/100, VM.Config.Disk|VM.Config.CDROM|", cfg.ReasonPhrase);

        var pool = await sim.Post("/pools", ("poolid", "x1"));
        Assert.Equal("Permission check failed (/pool/x1, Pool.Allocate)", pool.ReasonPhrase);
    }

    [Fact]
    public async Task AuditorToken_ReadsEverything()
    {
        using var sim = new Sim { Authorization = SimulatedCredentials.AuditorAuthorizationHeader };
        var r = await sim.Get("/cluster/resources", ("type", "vm"));
        Assert.Equal(200, r.Status);
        Assert.Equal(15, r.Data!.AsArray().Count);
        Assert.Equal(200, (await sim.Get("/nodes/pve1/qemu/100/config")).Status);
    }

    [Fact]
    public async Task AuditorTokenWithoutAcl_SeesEmptyListsAnd403OnCheckedReads()
    {
        using var sim = new Sim(new SimulatorOptions { AuditorHasAcl = false }) { Authorization = SimulatedCredentials.AuditorAuthorizationHeader };
        Assert.Empty((await sim.Get("/cluster/resources", ("type", "vm"))).Data!.AsArray());
        Assert.Empty((await sim.Get("/nodes/pve1/qemu")).Data!.AsArray());
        Assert.Empty((await sim.Get("/pools")).Data!.AsArray());
        var cfg = await sim.Get("/nodes/pve1/qemu/100/config");
        Assert.Equal(403, cfg.Status);
        Assert.Equal("Permission check failed (/vms/100, VM.Audit)", cfg.ReasonPhrase);
        var perms = await sim.Get("/access/permissions");
        Assert.Empty(perms.Data!.AsObject());
    }

    [Fact]
    public async Task Permissions_ReflectAdminAndAuditorTokens()
    {
        using var sim = new Sim();
        var admin = (await sim.Get("/access/permissions", ("path", "/vms/100"))).Data!;
        Assert.Equal(1, (int)admin["/vms/100"]!["VM.PowerMgmt"]!);
        sim.Authorization = SimulatedCredentials.AuditorAuthorizationHeader;
        var auditor = (await sim.Get("/access/permissions")).Data!;
        Assert.Equal(1, (int)auditor["/"]!["VM.Audit"]!);
        Assert.Null(auditor["/"]!["VM.PowerMgmt"]);
    }

    [Fact]
    public async Task ApiToken_OnTicketOnlyEndpoint_Is403()
    {
        using var sim = new Sim();
        var r = await sim.Post("/access/ticket", ("username", "root@pam"), ("password", "x"));
        Assert.Equal(403, r.Status);
        Assert.StartsWith("Permission check failed (URI '/access/ticket' not available with API token", r.ReasonPhrase);
    }

    [Fact]
    public async Task SkiplockViaToken_IsRejectedAsRootOnly()
    {
        using var sim = new Sim();
        var r = await sim.Post("/nodes/pve1/qemu/106/status/start", ("skiplock", "1"));
        Assert.Equal(400, r.Status);
        Assert.Equal("Only root may use this option.", (string?)r.Json!["errors"]!["skiplock"]);
    }

    [Fact]
    public async Task UnauthorizedDelay_WhenConfigured_DelaysThe401()
    {
        using var sim = new Sim(new SimulatorOptions { UnauthorizedDelay = TimeSpan.FromSeconds(3) });
        var pending = sim.Send("GET", "/nodes", headers: H());
        Assert.False(pending.IsCompleted);
        sim.Time.Advance(TimeSpan.FromSeconds(3));
        var r = await pending;
        Assert.Equal(401, r.Status);
    }
}
