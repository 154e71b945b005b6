using System.Text.Json;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Recording;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Recording;

/// <summary>The request recorder under the typed client: what a dry run lets through, withholds and reports.</summary>
public sealed class PveRecorderTests
{
    [Fact]
    public async Task DryRun_SendsReads_AndWithholdsTheFirstWrite()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/tasks").RespondSample("node-tasks.json");
        using var scope = PveRecorder.Start(dryRun: true);

        await pve.Client.GetNodeTasksAsync(Pve1, cancellationToken: Ct);
        var withheld = await Assert.ThrowsAsync<WriteWithheldException>(
            () => pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct));

        pve.Only().ShouldBeGet("/nodes/pve1/tasks");
        Assert.Equal("POST /nodes/pve1/qemu/100/status/start", withheld.Write.ToString());
        var read = scope.Recorder.Exchanges[0];
        Assert.Equal(("GET", "/nodes/pve1/tasks", 200, "3 items"), (read.Method, read.Path, read.Status, read.Summary));
    }

    [Fact]
    public async Task DryRun_MasksSecretParametersOfTheWithheldWrite()
    {
        using var pve = new PveMock();
        using var scope = PveRecorder.Start(dryRun: true);
        var parameters = new PveParameters().Add("cipassword", "hunter2").Add("cores", 2L);

        var withheld = await Assert.ThrowsAsync<WriteWithheldException>(
            () => pve.Client.CallApiAsync(HttpMethod.Put, PvePath.Of($"/nodes/{Pve1}/qemu/{Vm100}/config"), parameters, Ct));

        Assert.Equal([new("cipassword", SecretParameters.Mask), new("cores", "2")], withheld.Write.Parameters);
        Assert.Empty(pve.Requests);
    }

    [Fact]
    public async Task Recording_OutsideADryRun_SendsWritesAndKeepsTheirTaskId()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start").RespondData(UpidJson());
        using var scope = PveRecorder.Start(dryRun: false);

        await pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct);

        var write = Assert.Single(scope.Recorder.Exchanges);
        Assert.Equal(("POST", 200, QemuStartUpid), (write.Method, write.Status, write.Upid));
        Assert.Single(pve.Requests);
    }

    [Fact]
    public void Scope_WhenDisposed_LeavesNoRecorderBehind()
    {
        using (PveRecorder.Start(dryRun: true))
        {
            Assert.True(PveRecorder.Current?.DryRun);
        }

        Assert.Null(PveRecorder.Current);
    }

    [Theory]
    [InlineData("[1,2,3]", "3 items")]
    [InlineData("{\"status\":\"running\",\"name\":\"web01\",\"nested\":{\"a\":1},\"password\":\"x\"}", "status=running, name=web01, password=***")]
    [InlineData("null", "nothing")]
    [InlineData("\"108\"", "108")]
    public void Summary_OfWhatWasRead_IsShort(string json, string expected) =>
        Assert.Equal(expected, PveRecorder.Summarize(JsonDocument.Parse(json).RootElement));
}
