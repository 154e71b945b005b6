using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Client;

public sealed class GuestRequestTests
{
    [Theory]
    [InlineData(GuestType.Qemu, "/nodes/pve1/qemu")]
    [InlineData(GuestType.Lxc, "/nodes/pve1/lxc")]
    public async Task GetGuests_GetsListOfKind(GuestType type, string path)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, path).RespondSample(type == GuestType.Qemu ? "qemu-list.json" : "lxc-list.json");

        var guests = await pve.Client.GetGuestsAsync(Pve1, type, Ct);

        pve.Only().ShouldBeGet(path);
        Assert.All(guests, g => Assert.True(g.VmId >= 100));
    }

    [Theory]
    [InlineData(GuestType.Qemu, "/nodes/pve1/qemu/100/status/current")]
    [InlineData(GuestType.Lxc, "/nodes/pve1/lxc/100/status/current")]
    public async Task GetGuestStatus_GetsCurrentStatus(GuestType type, string path)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, path).RespondSample("qemu-status-current.json");

        var status = await pve.Client.GetGuestStatusAsync(Pve1, type, Vm100, Ct);

        pve.Only().ShouldBeGet(path);
        Assert.Equal("running", status.Status);
    }

    [Theory]
    [InlineData(GuestType.Qemu, GuestPowerAction.Start, "/nodes/pve1/qemu/100/status/start")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Stop, "/nodes/pve1/qemu/100/status/stop")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Shutdown, "/nodes/pve1/qemu/100/status/shutdown")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Reboot, "/nodes/pve1/qemu/100/status/reboot")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Reset, "/nodes/pve1/qemu/100/status/reset")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Suspend, "/nodes/pve1/qemu/100/status/suspend")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Resume, "/nodes/pve1/qemu/100/status/resume")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Start, "/nodes/pve1/lxc/100/status/start")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Stop, "/nodes/pve1/lxc/100/status/stop")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Shutdown, "/nodes/pve1/lxc/100/status/shutdown")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Reboot, "/nodes/pve1/lxc/100/status/reboot")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Suspend, "/nodes/pve1/lxc/100/status/suspend")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Resume, "/nodes/pve1/lxc/100/status/resume")]
    public async Task ChangeGuestPower_PostsEmptyFormToActionAndReturnsUpid(GuestType type, GuestPowerAction action, string path)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, path).RespondData(UpidJson());

        var upid = await pve.Client.ChangeGuestPowerAsync(Pve1, type, Vm100, action, cancellationToken: Ct);

        pve.Only().ShouldBePost(path, "");
        Assert.Equal(QemuStartUpid, upid.Text);
    }

    [Theory]
    [InlineData(GuestType.Qemu, GuestPowerAction.Shutdown, "timeout=60&forceStop=1")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Shutdown, "timeout=60&forceStop=1")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Reboot, "timeout=60")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Reboot, "timeout=60")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Stop, "timeout=60")]
    [InlineData(GuestType.Lxc, GuestPowerAction.Stop, "")]
    [InlineData(GuestType.Qemu, GuestPowerAction.Start, "")]
    public async Task ChangeGuestPower_SendsOnlyOptionsTheActionTakes(GuestType type, GuestPowerAction action, string form)
    {
        using var pve = new PveMock();
        var path = $"/nodes/pve1/{type.ApiName()}/100/status/{action.ApiName()}";
        pve.On(HttpMethod.Post, path).RespondData(UpidJson());

        await pve.Client.ChangeGuestPowerAsync(Pve1, type, Vm100, action, new PowerOptions { TimeoutSeconds = 60, ForceStop = true }, Ct);

        pve.Only().ShouldBePost(path, form);
    }

    [Fact]
    public async Task ChangeGuestPower_WhenShutdownWithoutForce_SendsForceStopAsZero()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/shutdown").RespondData(UpidJson());

        await pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Shutdown, new PowerOptions { ForceStop = false }, Ct);

        pve.Only().ShouldBePost("/nodes/pve1/qemu/100/status/shutdown", "forceStop=0");
    }

    [Fact]
    public async Task ResetContainer_ThrowsBeforeSending()
    {
        using var pve = new PveMock();

        var e = await Assert.ThrowsAsync<ProxmoxArgumentException>(() =>
            pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Lxc, Vm100, GuestPowerAction.Reset, cancellationToken: Ct));

        Assert.Contains("reboot_container", e.Reason, StringComparison.Ordinal);
        Assert.Empty(pve.Requests);
    }

    [Fact]
    public async Task ChangeGuestPower_WhenReplyIsNotUpid_ThrowsUnexpectedReply()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/status/start").RespondData("null");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            pve.Client.ChangeGuestPowerAsync(Pve1, GuestType.Qemu, Vm100, GuestPowerAction.Start, cancellationToken: Ct));

        Assert.Contains("UPID", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GuestType.Qemu, "/nodes/pve1/qemu/100/config")]
    [InlineData(GuestType.Lxc, "/nodes/pve1/lxc/100/config")]
    public async Task GetGuestConfig_GetsConfigAsTextMap(GuestType type, string path)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, path).RespondSample("qemu-config.json");

        var config = await pve.Client.GetGuestConfigAsync(Pve1, type, Vm100, Ct);

        pve.Only().ShouldBeGet(path);
        Assert.NotNull(config["memory"]);
        Assert.NotNull(config.Digest);
    }

    [Fact]
    public async Task UpdateVmConfig_PostsEncodedPropertyStringsDeleteAndDigest()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/config").RespondData(UpidJson());
        var change = new GuestConfigChange(
            new Dictionary<string, string> { ["cores"] = "4", ["net0"] = "virtio,bridge=vmbr0", ["description"] = "a+b c" },
            ["ide2", "tags"],
            "0123456789abcdef0123456789abcdef01234567");

        var upid = await pve.Client.UpdateVmConfigAsync(Pve1, Vm100, change, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/qemu/100/config",
            "cores=4&net0=virtio%2Cbridge%3Dvmbr0&description=a%2Bb%20c&delete=ide2%2Ctags&digest=0123456789abcdef0123456789abcdef01234567");
        Assert.NotNull(upid);
    }

    [Fact]
    public async Task UpdateVmConfig_WhenDoneSynchronously_ReturnsNull()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/config").RespondData("null");

        var upid = await pve.Client.UpdateVmConfigAsync(Pve1, Vm100, new GuestConfigChange(new Dictionary<string, string> { ["cores"] = "2" }, []), Ct);

        pve.Only().ShouldBePost("/nodes/pve1/qemu/100/config", "cores=2");
        Assert.Null(upid);
    }

    [Fact]
    public async Task UpdateContainerConfig_PutsForm()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Put, "/nodes/pve1/lxc/100/config").RespondData("null");

        var upid = await pve.Client.UpdateContainerConfigAsync(
            Pve1, Vm100, new GuestConfigChange(new Dictionary<string, string> { ["memory"] = "1024", ["onboot"] = "1" }, ["mp0"]), Ct);

        pve.Only().ShouldBePut("/nodes/pve1/lxc/100/config", "memory=1024&onboot=1&delete=mp0");
        Assert.Null(upid);
    }

    [Theory]
    [InlineData("cores&delete=scsi0")]
    [InlineData("Cores")]
    [InlineData("net0=virtio")]
    [InlineData("")]
    [InlineData("../config")]
    public async Task UpdateVmConfig_WhenKeyIsNotConfigKey_ThrowsBeforeSending(string key)
    {
        using var pve = new PveMock();

        await Assert.ThrowsAsync<ProxmoxArgumentException>(() =>
            pve.Client.UpdateVmConfigAsync(Pve1, Vm100, new GuestConfigChange(new Dictionary<string, string> { [key] = "1" }, []), Ct));
        await Assert.ThrowsAsync<ProxmoxArgumentException>(() =>
            pve.Client.UpdateVmConfigAsync(Pve1, Vm100, new GuestConfigChange(new Dictionary<string, string>(), [key]), Ct));

        Assert.Empty(pve.Requests);
    }

    [Theory]
    [InlineData(GuestType.Qemu, true, true, "/nodes/pve1/qemu/100?purge=1&destroy-unreferenced-disks=1")]
    [InlineData(GuestType.Lxc, false, false, "/nodes/pve1/lxc/100?purge=0&destroy-unreferenced-disks=0")]
    public async Task DeleteGuest_SendsFlagsInQueryNeverBody(GuestType type, bool purge, bool destroy, string pathAndQuery)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Delete, $"/nodes/pve1/{type.ApiName()}/100").RespondData(UpidJson());

        await pve.Client.DeleteGuestAsync(Pve1, type, Vm100, purge, destroy, Ct);

        pve.Only().ShouldBeDelete(pathAndQuery);
    }

    [Fact]
    public async Task CloneVm_PostsAllOptionsWithName()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/clone").RespondData(UpidJson());
        var request = new CloneRequest(VmId.From(200))
        {
            Name = "web2",
            Target = Pve2,
            Full = true,
            Storage = StorageId.Parse("local-lvm"),
            Pool = PoolId.Parse("prod"),
            Description = "copy of web1",
            Snapshot = SnapshotName.Parse("before_upgrade"),
        };

        await pve.Client.CloneGuestAsync(Pve1, GuestType.Qemu, Vm100, request, Ct);

        pve.Only().ShouldBePost(
            "/nodes/pve1/qemu/100/clone",
            "newid=200&name=web2&target=pve2&full=1&storage=local-lvm&pool=prod&description=copy%20of%20web1&snapname=before_upgrade");
    }

    [Fact]
    public async Task CloneContainer_SendsHostnameNotName()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/lxc/100/clone").RespondData(UpidJson());

        await pve.Client.CloneGuestAsync(Pve1, GuestType.Lxc, Vm100, new CloneRequest(VmId.From(201)) { Name = "ct2", Full = false }, Ct);

        pve.Only().ShouldBePost("/nodes/pve1/lxc/100/clone", "newid=201&hostname=ct2&full=0");
    }

    [Fact]
    public async Task MigrateVm_PostsTargetAndBooleansAsZeroOne()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/qemu/100/migrate").RespondData(UpidJson());

        await pve.Client.MigrateVmAsync(Pve1, Vm100, Pve2, online: true, withLocalDisks: false, Ct);

        pve.Only().ShouldBePost("/nodes/pve1/qemu/100/migrate", "target=pve2&online=1&with-local-disks=0");
    }

    [Theory]
    [InlineData(true, "target=pve2&restart=1&timeout=120")]
    [InlineData(false, "target=pve2&restart=0")]
    public async Task MigrateContainer_SendsTimeoutOnlyForRestartMigration(bool restart, string form)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Post, "/nodes/pve1/lxc/100/migrate").RespondData(UpidJson());

        await pve.Client.MigrateContainerAsync(Pve1, Vm100, Pve2, restart, 120, Ct);

        pve.Only().ShouldBePost("/nodes/pve1/lxc/100/migrate", form);
    }

    [Theory]
    [InlineData("+10G", "size=%2B10G")]
    [InlineData("+10GiB", "size=%2B10G")]
    [InlineData("50G", "size=50G")]
    [InlineData(" +512M ", "size=%2B512M")]
    [InlineData("+1.5T", "size=%2B1.5T")]
    public async Task ResizeDisk_EncodesPlusAndDropsIbSuffix(string size, string sizeField)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Put, "/nodes/pve1/qemu/100/resize").RespondData(UpidJson());

        var upid = await pve.Client.ResizeGuestDiskAsync(Pve1, GuestType.Qemu, Vm100, "scsi0", size, Ct);

        pve.Only().ShouldBePut("/nodes/pve1/qemu/100/resize", "disk=scsi0&" + sizeField);
        Assert.NotNull(upid);
    }

    [Fact]
    public async Task ResizeContainerDisk_PutsToLxcResize()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Put, "/nodes/pve1/lxc/100/resize").RespondData(UpidJson());

        await pve.Client.ResizeGuestDiskAsync(Pve1, GuestType.Lxc, Vm100, "rootfs", "+2G", Ct);

        pve.Only().ShouldBePut("/nodes/pve1/lxc/100/resize", "disk=rootfs&size=%2B2G");
    }

    [Theory]
    [InlineData("scsi0", "-10G")]
    [InlineData("scsi0", "10")]
    [InlineData("scsi0", "10G&disk=virtio0")]
    [InlineData("scsi0", "ten")]
    [InlineData("scsi0", "")]
    [InlineData("scsi0&size=1G", "+1G")]
    [InlineData("SCSI0", "+1G")]
    public async Task ResizeDisk_WhenDiskOrSizeInvalid_ThrowsBeforeSending(string disk, string size)
    {
        using var pve = new PveMock();

        await Assert.ThrowsAsync<ProxmoxArgumentException>(() => pve.Client.ResizeGuestDiskAsync(Pve1, GuestType.Qemu, Vm100, disk, size, Ct));

        Assert.Empty(pve.Requests);
    }

    [Theory]
    [InlineData(GuestType.Qemu, "\"UPID:pve1:0000C346:165A0CE4:68D7279C:qmtemplate:100:root@pam!mcp:\"", true)]
    [InlineData(GuestType.Lxc, "null", false)]
    public async Task ConvertToTemplate_PostsEmptyForm(GuestType type, string data, bool isTask)
    {
        using var pve = new PveMock();
        var path = $"/nodes/pve1/{type.ApiName()}/100/template";
        pve.On(HttpMethod.Post, path).RespondData(data);

        var upid = await pve.Client.ConvertToTemplateAsync(Pve1, type, Vm100, Ct);

        pve.Only().ShouldBePost(path, "");
        Assert.Equal(isTask, upid is not null);
    }

    [Theory]
    [InlineData(GuestType.Qemu, RrdTimeframe.Week, "/nodes/pve1/qemu/100/rrddata?timeframe=week&cf=AVERAGE")]
    [InlineData(GuestType.Lxc, RrdTimeframe.Month, "/nodes/pve1/lxc/100/rrddata?timeframe=month&cf=AVERAGE")]
    public async Task GetGuestRrdData_SendsTimeframeInQuery(GuestType type, RrdTimeframe timeframe, string pathAndQuery)
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, $"/nodes/pve1/{type.ApiName()}/100/rrddata").RespondData("""[{"time":1700000000,"cpu":0.5,"maxmem":2147483648}]""");

        var samples = await pve.Client.GetGuestRrdDataAsync(Pve1, type, Vm100, timeframe, cancellationToken: Ct);

        pve.Only().ShouldBeGet(pathAndQuery);
        Assert.Equal(2147483648, Assert.Single(samples).MaxMem);
    }
}
