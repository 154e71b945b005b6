using System.Net;
using System.Text.RegularExpressions;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using RichardSzalay.MockHttp;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Schema;

/// <summary>
/// Drives every client method once (with every optional parameter set, and with none) and checks each request it
/// sends against the official PVE API schema, 9.x and 8.4, with check_calls.py: path, method, parameter names,
/// types, enums, patterns and property-string keys.
/// </summary>
public sealed partial class SchemaConformanceTests
{
    [Fact]
    public async Task WholeClient_SendsNoRequestTheSchemasRefuse()
    {
        var calls = await DriveWholeClientAsync();

        foreach (var schema in SchemaChecker.Schemas)
        {
            var result = await SchemaChecker.CheckAsync(calls.Select(CallLog.ToJsonLine), schema, Ct);
            Assert.True(result.ExitCode == 0, $"check_calls.py --schema {schema} found violations:\n{result}");
            Assert.Contains($"{calls.Count} passed, 0 failed", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WholeClient_PutsParametersInQueryForReadsAndDeletesAndInFormForWrites()
    {
        var calls = await DriveWholeClientAsync();

        Assert.All(calls, call =>
        {
            Assert.Equal(["proxmox-mcp"], call.HeaderValues("User-Agent"));
            if (call.Method is "GET" or "DELETE")
            {
                Assert.Null(call.Body);
                Assert.Null(call.ContentType);
            }
            else
            {
                Assert.Equal(PveMock.FormType, call.ContentType);
                Assert.Equal("", call.Query);
                Assert.DoesNotContain("+", call.Body, StringComparison.Ordinal);
                Assert.All(call.FormParameters.Select(p => p.Value), v => Assert.False(v is "true" or "false" or "True" or "False", call.ToString()));
            }
        });
        Assert.Contains(calls, c => c.Method == "DELETE" && c.Query.Length > 0);
        Assert.Contains(calls, c => c.Method == "PUT");
    }

    [Fact]
    public async Task SchemaCheck_WhenCallIsWrong_Fails()
    {
        // The checker is live: a boolean sent as "true", a raw '+' (a space once decoded) and a body on a GET all fail.
        string[] wrong =
        [
            """{"method":"POST","path":"/api2/json/nodes/pve1/qemu/100/status/start","query":{},"body":{"skiplock":"true"}}""",
            """{"method":"PUT","path":"/api2/json/nodes/pve1/qemu/100/resize","query":{},"body":{"disk":"scsi0","size":" 10G"}}""",
            """{"method":"GET","path":"/api2/json/nodes/pve1/qemu","query":{},"body":{"full":"1"}}""",
        ];

        var result = await SchemaChecker.CheckAsync(wrong, SchemaChecker.Schemas[0], Ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("0 passed, 3 failed", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>Calls every public method of <see cref="ProxmoxClient"/>; returns the requests it sent.</summary>
    internal static async Task<IReadOnlyList<RecordedRequest>> DriveWholeClientAsync()
    {
        using var pve = new PveMock();
        pve.Mock.AddBackendDefinition(AnswerEveryKnownRoute());
        var c = pve.Client;
        var local = StorageId.Parse("local");
        var lvm = StorageId.Parse("local-lvm");
        var snap = SnapshotName.Parse("before_upgrade");
        var pool = PoolId.Parse("prod/web");
        var iso = VolumeId.Parse("local:iso/debian-12.iso");
        var template = VolumeId.Parse("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst");
        var backup = VolumeId.Parse("local:backup/vzdump-qemu-100-2025_01_01-00_00_00.vma.zst");

        await c.GetVersionAsync(Ct);
        await c.GetClusterStatusAsync(Ct);
        await c.GetClusterResourcesAsync(cancellationToken: Ct);
        foreach (var type in Enum.GetValues<ClusterResourceType>())
        {
            await c.GetClusterResourcesAsync(type, Ct);
        }

        await c.GetNextVmIdAsync(Ct);
        await c.GetClusterTasksAsync(Ct);
        await c.GetPermissionsAsync(cancellationToken: Ct);
        await c.GetPermissionsAsync("/vms/100", Ct);
        await c.GetNodesAsync(Ct);
        await c.GetNodeStatusAsync(Pve1, Ct);
        foreach (var timeframe in Enum.GetValues<RrdTimeframe>())
        {
            foreach (var cf in Enum.GetValues<RrdConsolidation>())
            {
                await c.GetNodeRrdDataAsync(Pve1, timeframe, cf, Ct);
                await c.GetGuestRrdDataAsync(Pve1, GuestType.Qemu, Vm100, timeframe, cf, Ct);
                await c.GetGuestRrdDataAsync(Pve1, GuestType.Lxc, Vm100, timeframe, cf, Ct);
            }
        }

        foreach (var type in Enum.GetValues<GuestType>())
        {
            await c.GetGuestsAsync(Pve1, type, Ct);
            await c.GetGuestStatusAsync(Pve1, type, Vm100, Ct);
            await c.GetGuestConfigAsync(Pve1, type, Vm100, Ct);
            foreach (var action in Enum.GetValues<GuestPowerAction>().Where(a => type == GuestType.Qemu || a != GuestPowerAction.Reset))
            {
                await c.ChangeGuestPowerAsync(Pve1, type, Vm100, action, cancellationToken: Ct);
                await c.ChangeGuestPowerAsync(Pve1, type, Vm100, action, new PowerOptions { TimeoutSeconds = 60, ForceStop = true }, Ct);
            }

            await c.DeleteGuestAsync(Pve1, type, Vm100, cancellationToken: Ct);
            await c.DeleteGuestAsync(Pve1, type, Vm100, false, false, Ct);
            await c.CloneGuestAsync(Pve1, type, Vm100, new CloneRequest(VmId.From(200)), Ct);
            await c.CloneGuestAsync(
                Pve1,
                type,
                Vm100,
                new CloneRequest(VmId.From(200))
                {
                    Name = "web2", Target = Pve2, Full = true, Storage = lvm, Pool = pool, Description = "copy of web1", Snapshot = snap,
                },
                Ct);
            await c.ResizeGuestDiskAsync(Pve1, type, Vm100, type == GuestType.Qemu ? "scsi0" : "rootfs", "+10G", Ct);
            await c.ResizeGuestDiskAsync(Pve1, type, Vm100, type == GuestType.Qemu ? "virtio1" : "mp0", "50GiB", Ct);
            await c.ConvertToTemplateAsync(Pve1, type, Vm100, Ct);
            await c.GetSnapshotsAsync(Pve1, type, Vm100, Ct);
            await c.CreateSnapshotAsync(Pve1, type, Vm100, snap, cancellationToken: Ct);
            await c.CreateSnapshotAsync(Pve1, type, Vm100, snap, "before apt upgrade", true, Ct);
            await c.DeleteSnapshotAsync(Pve1, type, Vm100, snap, cancellationToken: Ct);
            await c.DeleteSnapshotAsync(Pve1, type, Vm100, snap, true, Ct);
            await c.RollbackSnapshotAsync(Pve1, type, Vm100, snap, cancellationToken: Ct);
            await c.RollbackSnapshotAsync(Pve1, type, Vm100, snap, true, Ct);
            await c.RestoreGuestAsync(Pve1, type, new RestoreRequest(VmId.From(102), backup), Ct);
            await c.RestoreGuestAsync(
                Pve1, type, new RestoreRequest(VmId.From(102), backup) { Storage = lvm, Force = true, Unique = true, Start = true, Pool = pool }, Ct);
        }

        await c.UpdateVmConfigAsync(
            Pve1,
            Vm100,
            new GuestConfigChange(
                new Dictionary<string, string> { ["cores"] = "4", ["memory"] = "4096", ["net0"] = "virtio,bridge=vmbr0", ["description"] = "a+b c", ["tags"] = "web;prod" },
                ["ide2", "agent"],
                "0123456789abcdef0123456789abcdef01234567"),
            Ct);
        await c.UpdateContainerConfigAsync(
            Pve1,
            Vm100,
            new GuestConfigChange(new Dictionary<string, string> { ["memory"] = "1024", ["net0"] = "name=eth0,bridge=vmbr0,ip=dhcp", ["onboot"] = "1" }, ["mp0"]),
            Ct);
        await c.MigrateVmAsync(Pve1, Vm100, Pve2, cancellationToken: Ct);
        await c.MigrateVmAsync(Pve1, Vm100, Pve2, true, true, Ct);
        await c.MigrateContainerAsync(Pve1, Vm100, Pve2, cancellationToken: Ct);
        await c.MigrateContainerAsync(Pve1, Vm100, Pve2, true, 120, Ct);

        await c.CreateVmAsync(Pve1, new VmCreateRequest(Vm100), Ct);
        await c.CreateVmAsync(
            Pve1,
            new VmCreateRequest(Vm100)
            {
                Name = "web1", MemoryMiB = 2048, Cores = 2, Sockets = 1, CpuType = "host", OsType = "l26", DiskStorage = lvm,
                DiskSizeGiB = DiskSize.ParseGib("32GiB"), Iso = iso, NetworkBridge = "vmbr0", Pool = pool, Description = "web server",
                Tags = "web;prod", Start = true,
            },
            Ct);
        await c.CreateVmAsync(Pve1, new VmCreateRequest(Vm100) { NetworkBridge = "vmbr0", NetworkModel = "e1000" }, Ct);
        await c.CreateContainerAsync(Pve1, new ContainerCreateRequest(VmId.From(101), template), Ct);
        await c.CreateContainerAsync(
            Pve1,
            new ContainerCreateRequest(VmId.From(101), template)
            {
                Hostname = "ct1", MemoryMiB = 512, SwapMiB = 256, Cores = 1, RootFsStorage = lvm, RootFsSizeGiB = 8, NetworkBridge = "vmbr0",
                Ip = "192.168.1.50/24", Gateway = "192.168.1.1", Password = "p@ss+word", SshPublicKeys = "ssh-ed25519 AAAAC3Nz user@host",
                Nesting = true, Pool = pool, Description = "db", Tags = "db", Start = false,
            },
            Ct);
        await c.CreateContainerAsync(Pve1, new ContainerCreateRequest(VmId.From(101), template) { NetworkBridge = "vmbr0" }, Ct);
        await c.StartBackupAsync(Pve1, new BackupRequest([Vm100]), Ct);
        await c.StartBackupAsync(
            Pve1,
            new BackupRequest([Vm100, VmId.From(101)]) { Storage = local, Mode = "snapshot", Compress = "zstd", NotesTemplate = "{{guestname}}", Protected = true },
            Ct);
        foreach (var mode in new[] { "suspend", "stop" })
        {
            foreach (var compress in new[] { "0", "lzo", "gzip" })
            {
                await c.StartBackupAsync(Pve1, new BackupRequest([Vm100]) { Mode = mode, Compress = compress }, Ct);
            }
        }

        await c.GetStorageDefinitionsAsync(Ct);
        await c.GetNodeStoragesAsync(Pve1, cancellationToken: Ct);
        foreach (var content in StorageContent.All)
        {
            await c.GetNodeStoragesAsync(Pve1, content, Ct);
            await c.GetStorageContentAsync(Pve1, local, content, Vm100, Ct);
        }

        await c.GetStorageContentAsync(Pve1, local, cancellationToken: Ct);
        await c.DeleteVolumeAsync(Pve1, iso, Ct);
        await c.DeleteVolumeAsync(Pve1, VolumeId.Parse("local-lvm:vm-100-disk-0"), Ct);

        await c.GetPoolsAsync(Ct);
        await c.GetPoolAsync(pool, Ct);
        await c.CreatePoolAsync(pool, cancellationToken: Ct);
        await c.CreatePoolAsync(pool, "Production web", Ct);
        await c.UpdatePoolAsync(pool, [Vm100, VmId.From(101)], [local, lvm], remove: false, comment: "c", cancellationToken: Ct);
        await c.UpdatePoolAsync(pool, [Vm100], remove: true, cancellationToken: Ct);
        await c.DeletePoolAsync(pool, Ct);

        await c.GetNodeTasksAsync(Pve1, cancellationToken: Ct);
        foreach (var source in new[] { "archive", "active", "all" })
        {
            await c.GetNodeTasksAsync(
                Pve1, new TaskQuery { Start = 0, Limit = 50, VmId = Vm100, TypeFilter = "qmstart", ErrorsOnly = true, Source = source }, Ct);
        }

        foreach (var upid in new[] { QemuStart, Upid.Parse("UPID:pve2:002F1A3B:0A1B2C3D4:68D72800:vzdump::root@pam:") })
        {
            await c.GetTaskStatusAsync(upid, Ct);
            await c.GetTaskLogAsync(upid, cancellationToken: Ct);
            await c.GetTaskLogAsync(upid, 10, 20, Ct);
            await c.StopTaskAsync(upid, Ct);
        }

        var requests = new List<RecordedRequest>(pve.Requests);
        requests.AddRange(await PasswordLoginAndRenewalAsync());
        return requests;
    }

    private static async Task<IReadOnlyList<RecordedRequest>> PasswordLoginAndRenewalAsync()
    {
        using var pve = new PveMock(o => (o.TokenId, o.TokenSecret, o.Password) = (null, null, PveMock.Password));
        pve.OnLogin();
        pve.On(HttpMethod.Get, "/version").RespondSample("version.json");
        await pve.Client.GetVersionAsync(Ct);
        pve.Time.Advance(TimeSpan.FromMinutes(91));
        await pve.Client.GetVersionAsync(Ct);
        Assert.Equal(2, pve.Logins.Count);
        return pve.Requests;
    }

    /// <summary>Answers any request on a route the client uses with a plausible reply; anything else is left to the fallback.</summary>
    private static MockedRequest AnswerEveryKnownRoute()
    {
        var route = new MockedRequest();
        route.With(r => KnownRoute().IsMatch(r.RequestUri!.AbsolutePath));
        route.Respond(request =>
        {
            var path = request.RequestUri!.AbsolutePath;
            var data = request.Method != HttpMethod.Get ? UpidJson()
                : path.EndsWith("/nextid", StringComparison.Ordinal) ? "\"100\""
                : ObjectReply().IsMatch(path) ? "{}"
                : "[]";
            return PveResponses.Json(HttpStatusCode.OK, null, $"{{\"data\":{data}}}");
        });
        return route;
    }

    [GeneratedRegex(@"^/api2/json/(version|cluster/\w+|access/permissions|nodes(/[^/]+(/.*)?)?|storage|pools)$")]
    private static partial Regex KnownRoute();

    [GeneratedRegex(@"^/api2/json/(version|access/permissions|nodes/[^/]+/status|nodes/.+/(status/current|config)|nodes/[^/]+/tasks/[^/]+/status)$")]
    private static partial Regex ObjectReply();
}
