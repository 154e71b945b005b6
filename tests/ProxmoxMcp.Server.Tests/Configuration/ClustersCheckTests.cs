using System.Collections;
using System.Net;
using System.Net.Sockets;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Diagnostics;

namespace ProxmoxMcp.Server.Tests.Configuration;

/// <summary>`proxmox-mcp check` with several clusters: one section per cluster, and a non-zero exit when any cluster fails.</summary>
public sealed class ClustersCheckTests
{
    [Fact]
    public async Task TwoClusters_OneDown_FailsAndReportsEachClusterInItsOwnSection()
    {
        using var dir = new TempDirectory();
        var port = ClosedPort();
        var file = dir.Write("clusters.json", $$"""
            {"clusters": [
              {"name": "lab", "simulate": "lab"},
              {"name": "office", "hosts": ["127.0.0.1"], "port": {{port}}, "token_id": "mcp", "token_secret_env": "OFFICE_SECRET", "timeout": 2},
            ]}
            """);
        var settings = SettingsLoader.Load(
            new Dictionary<string, string> { [SettingNames.Clusters] = file }, new Hashtable { ["OFFICE_SECRET"] = "5e1f6d1a-7c3b-4d2e-9f00-123456789abc" }, null, dir.Path);
        using var output = new StringWriter();

        var exit = await ProxmoxCheck.RunAsync(settings, new CheckReport(output), TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.Equal(ExitCodes.Failed, exit);
        var lab = text.IndexOf("=== Cluster 'lab' ===", StringComparison.Ordinal);
        var office = text.IndexOf("=== Cluster 'office' ===", StringComparison.Ordinal);
        Assert.True(lab >= 0 && office > lab, text);
        Assert.Contains("Proxmox VE 9.0.10", text[lab..office], StringComparison.Ordinal);
        Assert.Contains("Sees 2 nodes (lab1, lab2)", text[lab..office], StringComparison.Ordinal);
        Assert.Contains($"FAIL  All 1 address of cluster 'office' failed (127.0.0.1:{port})", text[office..], StringComparison.Ordinal);
        Assert.DoesNotContain("5e1f6d1a", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ChecksBothSimulatedClusters()
    {
        using var dir = new TempDirectory();
        var settings = SettingsLoader.Load(new Dictionary<string, string> { [SettingNames.Simulate] = "true" }, new Hashtable(), null, dir.Path);
        using var output = new StringWriter();

        var exit = await ProxmoxCheck.RunAsync(settings, new CheckReport(output), TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("2 clusters: default (default), lab.", text, StringComparison.Ordinal);
        Assert.Contains("Sees 3 nodes (pve1, pve2, pve3)", text, StringComparison.Ordinal);
        Assert.Contains("Sees 2 nodes (lab1, lab2)", text, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
