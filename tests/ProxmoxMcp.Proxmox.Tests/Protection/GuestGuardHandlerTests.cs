using System.Net;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Protection;
using RichardSzalay.MockHttp;

namespace ProxmoxMcp.Proxmox.Tests.Protection;

/// <summary>The guard sits in the HTTP pipeline: whichever client method (or the generic API) builds the request, a refused one never leaves.</summary>
public sealed class GuestGuardHandlerTests
{
    private const string Upid = "UPID:pve1:00001234:00ABCDEF:6700AA00:qmdestroy:100:root@pam:";

    [Fact]
    public async Task RefusedWrites_AreNeverSent_WhileReadsAndAllowedWritesAre()
    {
        var ct = TestContext.Current.CancellationToken;
        var sent = new List<string>();
        using var transport = new MockHttpMessageHandler();
        transport.Fallback.Respond(request =>
        {
            sent.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            var data = request.RequestUri.AbsolutePath.EndsWith("/cluster/resources", StringComparison.Ordinal)
                ? """[{"id":"qemu/100","type":"qemu","vmid":100,"node":"pve1","tags":"prod"}]"""
                : $"\"{Upid}\"";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"{{\"data\":{data}}}") };
        });
        var options = new ProxmoxOptions { Host = "pve.test", TokenId = "root@pam!t", TokenSecret = "secret" };
        ProxmoxClient? client = null;
        var guard = new GuestGuard(
            GuestRules.Parse("tag:prod", "PROXMOX_MCP_PROTECT"), GuestRules.None,
            async token => await client!.GetClusterResourcesAsync(ClusterResourceType.Vm, token), TimeProvider.System);
        using var http = ProxmoxHttpClientFactory.Create(options, new ProxmoxCertificateValidator(options), TimeProvider.System, transport, guard);
        client = new ProxmoxClient(new ProxmoxHttp(http));
        var pve1 = NodeName.Parse("pve1", "node");

        await Assert.ThrowsAsync<GuestProtectedException>(() => client.DeleteGuestAsync(pve1, GuestType.Qemu, VmId.From(100), true, true, ct));
        await Assert.ThrowsAsync<GuestProtectedException>(() => client.CallApiAsync(
            HttpMethod.Post, PvePath.FromSegments([ApiPathSegment.Parse("nodes"), ApiPathSegment.Parse("pve1"), ApiPathSegment.Parse("qemu"), ApiPathSegment.Parse("100"), ApiPathSegment.Parse("status"), ApiPathSegment.Parse("stop")]),
            new PveParameters(), ct));
        await Assert.ThrowsAsync<GuestProtectedException>(() => client.CallApiAsync(
            HttpMethod.Put, PvePath.Of($"/pools"), new PveParameters().Add("poolid", "p").Add("vms", "100").Add("delete", true), ct));
        Assert.Equal(["GET /api2/json/cluster/resources"], sent.Distinct());

        await client.ChangeGuestPowerAsync(pve1, GuestType.Qemu, VmId.From(100), GuestPowerAction.Start, null, ct);
        await client.DeleteGuestAsync(pve1, GuestType.Qemu, VmId.From(101), true, true, ct);
        Assert.Contains("POST /api2/json/nodes/pve1/qemu/100/status/start", sent);
        Assert.Contains("DELETE /api2/json/nodes/pve1/qemu/101", sent);
        Assert.DoesNotContain(sent, s => s.StartsWith("DELETE /api2/json/nodes/pve1/qemu/100", StringComparison.Ordinal));
    }
}
