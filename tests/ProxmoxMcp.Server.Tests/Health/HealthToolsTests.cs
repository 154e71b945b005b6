using System.Text;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Health;

// Demo estate: backup jobs cover 100, 101, 201 (NFS) and production on pve1 (100, 101, 200); a third job is disabled.
// Backups: 100 and 200 two days old on local, 100/101/201 one day old on NFS. Replication 101-0 works, 107-0 fails.
// HA manages VM 101. The history's failed qmstart and qmshutdown are more than 24 h old.
public class HealthToolsTests
{
    [Fact]
    public async Task AuditBackups_ListsGuestsInNoJobFromProxmoxsOwnList()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("audit_backups")).AssertSuccess();

        var notInJob = result.Structured().GetProperty("not_in_any_job");
        Assert.Equal(11, notInJob.GetProperty("count").GetInt32());
        var items = notInJob.GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Contains("102 app01", items);
        Assert.DoesNotContain(items, i => i.StartsWith("100 ", StringComparison.Ordinal));
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path == "/cluster/backup-info/not-backed-up");
    }

    [Fact]
    public async Task AuditBackups_WithTwoDayWindow_FlagsGuestsWhoseNewestBackupIsOlder()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("audit_backups", new { days = 2 })).AssertSuccess();

        var stale = result.Structured().GetProperty("stale").GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Contains(stale, s => s.StartsWith("200 dns01: 2", StringComparison.Ordinal));
        Assert.DoesNotContain(stale, s => s.StartsWith("101 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditBackups_FailedBackupTask_IsReported()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.FailNextTask("vzdump", "job errors");
        (await server.CallAsync("create_backup", new { vmid = 106 })).AssertError("job errors");

        var result = (await server.CallCheckedAsync("audit_backups")).AssertSuccess();

        Assert.Equal(1, result.Structured().GetProperty("failed_tasks").GetProperty("count").GetInt32());
        Assert.Contains("vzdump 106: job errors", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetClusterHealth_AfterAFailedTask_ReportsItAndTheFailingReplication()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.FailNextTask("vzdump", "job errors");
        (await server.CallAsync("create_backup", new { vmid = 106 })).AssertError("job errors");

        var result = (await server.CallCheckedAsync("get_cluster_health")).AssertSuccess();

        var data = result.Structured();
        Assert.Equal("warning", data.String("status"));
        Assert.True(data.GetProperty("quorate").GetBoolean());
        Assert.Equal(3, data.GetProperty("nodes_online").GetInt32());
        Assert.Equal(1, data.GetProperty("failed_tasks_24h").GetProperty("count").GetInt32());
        Assert.Contains("job errors", result.Text(), StringComparison.Ordinal);
        Assert.Equal(1, data.GetProperty("replication_failing").GetProperty("count").GetInt32());
        Assert.Contains("107-0", result.Text(), StringComparison.Ordinal);
        Assert.Equal("not configured.", data.String("ceph"));
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Path.Contains("/ceph/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetClusterHealth_WithNodeOfflineAndStorageFull_IsCritical()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.SetNodeOnline("pve3", false);
        server.Cluster.SetStorageFull("local-lvm", true);

        var result = (await server.CallCheckedAsync("get_cluster_health")).AssertSuccess();

        Assert.Equal("critical", result.Structured().String("status"));
        Assert.Contains("Nodes offline: pve3", result.Text(), StringComparison.Ordinal);
        Assert.Contains("local-lvm on pve1 100%", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHaStatus_ShowsTheManagedVm()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_ha_status")).AssertSuccess();

        var resource = Assert.Single(result.Structured().GetProperty("resources").EnumerateArray());
        Assert.Equal("vm:101", resource.String("sid"));
        Assert.Equal("started", resource.String("state"));
        Assert.Contains("master", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReplicationStatus_ShowsTheFailingJobWithItsError()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_replication_status", new { vmid = 107 })).AssertSuccess();

        var job = Assert.Single(result.Structured().GetProperty("jobs").EnumerateArray());
        Assert.Equal(4, job.GetProperty("fail_count").GetInt32());
        Assert.Contains("FAILING (4x)", result.Text(), StringComparison.Ordinal);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path == "/nodes/pve2/replication" && e.Query.Any(q => q.Key == "guest" && q.Value == "107"));
    }

    [Fact]
    public async Task ListBackupJobs_DescribesWhatEachJobIncludes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("list_backup_jobs")).AssertSuccess();

        Assert.Equal(3, result.Structured().GetProperty("jobs").GetArrayLength());
        Assert.Contains("pool production on pve1", result.Text(), StringComparison.Ordinal);
        Assert.Contains("DISABLED", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit_backups")]
    [InlineData("get_cluster_health")]
    public async Task Report_At5000Guests_IsUnder4KiBInOneCall(string tool)
    {
        await using var server = await SimulatedServer.StartAsync(simulator: new SimulatorOptions
        {
            Estate = EstateSize.Large(5, 5000),
            TaskDuration = TimeSpan.FromMilliseconds(100),
        });

        var result = (await server.CallCheckedAsync(tool)).AssertSuccess();

        var text = Encoding.UTF8.GetByteCount(result.Text());
        var structured = Encoding.UTF8.GetByteCount(result.Structured().GetRawText());
        TestContext.Current.TestOutputHelper?.WriteLine($"{tool} at 5,000 guests: text {text} bytes, structured {structured} bytes");
        Assert.True(text < 4096, $"{tool}: text is {text} bytes");
        Assert.True(structured < 4096, $"{tool}: structured content is {structured} bytes");
    }
}
