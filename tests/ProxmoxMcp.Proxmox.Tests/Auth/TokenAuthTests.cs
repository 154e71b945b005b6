using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Auth;

public sealed class TokenAuthTests
{
    [Theory]
    [InlineData("mcp", "root", "pam", "PVEAPIToken=root@pam!mcp=")]
    [InlineData("root@pam!mcp", "root", "pam", "PVEAPIToken=root@pam!mcp=")]
    [InlineData("root@pam!mcp", "someone-else", "pve", "PVEAPIToken=root@pam!mcp=")]
    [InlineData("mcp", "admin@pve", "pam", "PVEAPIToken=admin@pve!mcp=")]
    [InlineData("mcp", "automation", "pve", "PVEAPIToken=automation@pve!mcp=")]
    public async Task TokenHeader_ForBareAndFullTokenId_IsExact(string tokenId, string username, string realm, string expectedPrefix)
    {
        using var pve = new PveMock(o => (o.TokenId, o.Username, o.Realm) = (tokenId, username, realm));
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");

        await pve.Client.GetVersionAsync(Ct);

        Assert.Equal([expectedPrefix + PveMock.TokenSecret], pve.Only().HeaderValues("Authorization"));
    }

    [Fact]
    public async Task TokenAuth_OnWrites_SendsNoCsrfTokenAndNoCookie()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start").RespondData(UpidJson());
        pve.On(HttpMethod.Put, "/pools").RespondData("null");
        pve.On(HttpMethod.Delete, "/pools").RespondData("null");

        await pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct);
        await pve.Client.UpdatePoolAsync(PoolId.Parse("prod"), [Vm100], cancellationToken: Ct);
        await pve.Client.DeletePoolAsync(PoolId.Parse("prod"), Ct);

        Assert.All(pve.Requests, r =>
        {
            Assert.Equal(["PVEAPIToken=root@pam!mcp=" + PveMock.TokenSecret], r.HeaderValues("Authorization"));
            Assert.Empty(r.HeaderValues("CSRFPreventionToken"));
            Assert.Empty(r.HeaderValues("Cookie"));
        });
    }

    [Fact]
    public async Task TokenAuth_On401_SurfacesWithoutRetryOrLogin()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes").RespondStatus(401, "authentication failure");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() => pve.Client.GetNodesAsync(Ct));

        Assert.Equal(401, e.StatusCode);
        Assert.Equal("authentication failure", e.PveMessage);
        Assert.Single(pve.Requests);
        var message = await new ProxmoxErrorTranslator(pve.Options).DescribeAsync(e, null, Ct);
        Assert.Contains("PROXMOX_TOKEN_ID", message, StringComparison.Ordinal);
        Assert.Contains("PROXMOX_TOKEN_SECRET", message, StringComparison.Ordinal);
        Assert.Contains("root@pam!mcp", message, StringComparison.Ordinal);
        Assert.DoesNotContain(PveMock.TokenSecret, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_NeverShowsSecrets()
    {
        var options = new ProxmoxOptions { Host = "pve.test", TokenId = "mcp", TokenSecret = PveMock.TokenSecret, Password = PveMock.Password };

        var text = options.ToString();

        Assert.Contains("root@pam!mcp", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PveMock.TokenSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PveMock.Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_WithoutCredentials_RefusesToBuildClient()
    {
        var options = new ProxmoxOptions { Host = "pve.test" };

        var e = Assert.Throws<InvalidOperationException>(() =>
            ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System, new HttpClientHandler()));

        Assert.Contains("PROXMOX_TOKEN_ID", e.Message, StringComparison.Ordinal);
    }
}
