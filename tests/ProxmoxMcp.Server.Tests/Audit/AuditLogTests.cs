using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Audit;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Audit;

/// <summary>
/// The audit log: every write attempt and its outcome as hash-chained JSON lines; any edit, removal or reordering is
/// found by `audit verify`, concurrent writers keep the chain, and a log that cannot be written stops the write.
/// </summary>
public sealed class AuditLogTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"proxmox-mcp-audit-{Guid.NewGuid():N}");

    public AuditLogTests()
    {
        Directory.CreateDirectory(directory);
    }

    private string LogPath => Path.Combine(directory, "audit.log");

    [Fact]
    public async Task SessionOfWrites_ProducesAVerifiableChainOfAttemptsAndOutcomes()
    {
        await using (var server = await StartAsync(LogPath))
        {
            (await server.CallAsync("start_vm", new { vmid = 106 })).AssertSuccess();
            (await server.CallAsync("create_snapshot", new { vmid = 100, snapname = "audited" })).AssertSuccess();
            (await server.CallAsync("delete_snapshot", new { vmid = 100, snapname = "audited" })).AssertError("confirm=\"audited\"");
            (await server.CallAsync("delete_snapshot", new { vmid = 100, snapname = "audited", confirm = "audited" })).AssertSuccess();
            await server.CallAsync("call_api_write", new { method = "PUT", path = "/nodes/pve1/qemu/106/config", @params = new { cipassword = "hunter2" }, confirm = "PUT /nodes/pve1/qemu/106/config" });
            (await server.CallAsync("get_vm", new { vmid = 100 })).AssertSuccess();
            (await server.CallAsync("stop_vm", new { vmid = 100, dry_run = true })).AssertError("Dry run");
        }

        var lines = await File.ReadAllLinesAsync(LogPath, TestContext.Current.CancellationToken);
        Assert.Null(AuditChain.Verify(lines));
        var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(10, records.Count); // five write calls, two lines each; reads and dry runs are not audited
        Assert.Equal(["attempt", "outcome"], records.Take(2).Select(r => r.GetProperty("event").GetString()));
        Assert.All(records.Chunk(2), pair => Assert.Equal(pair[0].GetProperty("call").GetString(), pair[1].GetProperty("call").GetString()));
        Assert.Equal("audit-test-client", records[0].GetProperty("client").GetProperty("name").GetString());
        Assert.Equal(106, records[0].GetProperty("arguments").GetProperty("vmid").GetInt32());
        var started = records[1].GetProperty("requests")[0];
        Assert.Equal("POST /nodes/pve1/qemu/106/status/start", $"{started.GetProperty("method").GetString()} {started.GetProperty("path").GetString()}");
        Assert.StartsWith("UPID:pve1:", started.GetProperty("upid").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", records[1].GetProperty("outcome").GetString());
        Assert.Equal("error", records[5].GetProperty("outcome").GetString());
        Assert.Equal(0, records[5].GetProperty("requests").GetArrayLength());
        Assert.Contains("Confirmation needed", records[5].GetProperty("error").GetString(), StringComparison.Ordinal);
        var text = string.Join("\n", lines);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("\"cipassword\":\"***\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingAnyLine_MakesVerifyFailAndNameIt()
    {
        var lines = await WriteLinesAsync(6);

        for (var i = 0; i < lines.Length; i++)
        {
            var edited = (string[])lines.Clone();
            edited[i] = edited[i].Replace("\"tool\":\"t", "\"tool\":\"T", StringComparison.Ordinal);
            Assert.NotEqual(lines[i], edited[i]);

            Assert.Equal(i + 1, AuditChain.Verify(edited)?.Line);
        }
    }

    [Fact]
    public async Task ResealingAnEditedLine_IsCaughtByTheNextLine()
    {
        var lines = await WriteLinesAsync(4);
        var record = JsonSerializer.Deserialize(lines[1][..(lines[1].LastIndexOf(",\"sha256\"", StringComparison.Ordinal))] + "}", AuditJsonContext.Default.AuditRecord)!;
        var prev = JsonDocument.Parse(lines[1]).RootElement.GetProperty("prev").GetString()!;
        lines[1] = AuditChain.Seal(record with { Tool = "forged" }, prev);

        var bad = AuditChain.Verify(lines);

        Assert.Equal(3, bad?.Line);
        Assert.Contains("does not follow line 2", bad?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingInsertingOrReorderingLines_MakesVerifyFail()
    {
        var lines = await WriteLinesAsync(5);

        Assert.Equal(3, AuditChain.Verify([.. lines.Where((_, i) => i != 2)])?.Line);
        Assert.Equal(1, AuditChain.Verify(lines[1..])?.Line);
        Assert.Equal(2, AuditChain.Verify([lines[0], lines[2], lines[1], lines[3], lines[4]])?.Line);
        Assert.Equal(3, AuditChain.Verify([lines[0], lines[1], lines[1], lines[2]])?.Line);
        Assert.Null(AuditChain.Verify(lines));
    }

    [Fact]
    public async Task VerifyCommand_ExitsZeroForAnIntactLogAndOneNamingTheLineOtherwise()
    {
        await WriteLinesAsync(3);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(ExitCodes.Ok, await Cli.Create().Parse(["audit", "verify", LogPath]).InvokeAsync(cancellationToken: ct));
        var lines = await File.ReadAllLinesAsync(LogPath, ct);
        lines[1] = lines[1].Replace("test_tool", "best_tool", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(LogPath, lines, ct);
        Assert.Equal(ExitCodes.Failed, await Cli.Create().Parse(["audit", "verify", LogPath]).InvokeAsync(cancellationToken: ct));
        Assert.Equal(ExitCodes.Failed, await Cli.Create().Parse(["audit", "verify", Path.Combine(directory, "missing.log")]).InvokeAsync(cancellationToken: ct));
    }

    [Fact]
    public async Task ConcurrentAppends_FromSeparateWriters_KeepTheChainValid()
    {
        // Each writer opens the file on its own, as each server process does: only the file lock orders them.
        const int Writers = 8, Each = 25;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(
            async () =>
            {
                using var log = new AuditLog(Settings(LogPath), TimeProvider.System);
                for (var i = 0; i < Each; i++)
                {
                    await log.AppendAsync(Record($"writer{w}", i), TestContext.Current.CancellationToken);
                }
            },
            TestContext.Current.CancellationToken)));

        var lines = await File.ReadAllLinesAsync(LogPath, TestContext.Current.CancellationToken);
        Assert.Equal(Writers * Each, lines.Length);
        Assert.Null(AuditChain.Verify(lines));
    }

    [Fact]
    public async Task ConcurrentServerProcesses_AppendingToOneLog_KeepTheChainValid()
    {
        // One process per connection, as under socat: `call` runs a whole server session, audited, in its own process.
        var server = Path.Combine(AppContext.BaseDirectory, "proxmox-mcp");
        var runs = Enumerable.Range(0, 4).Select(_ => ProcessRunner.RunAsync(
            server, ["call", "create_pool", "--arg", "poolid=p" + Guid.NewGuid().ToString("N")[..8], "--simulate", "--audit-log", LogPath],
            timeout: TimeSpan.FromSeconds(60)));

        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var lines = await File.ReadAllLinesAsync(LogPath, TestContext.Current.CancellationToken);
        Assert.Equal(8, lines.Length);
        Assert.Null(AuditChain.Verify(lines));
    }

    [Fact]
    public async Task UnwritableLog_RefusesTheWrite_AndSendsNothingToProxmox()
    {
        // A directory where the file should be: not writable even for root (CI runs as root).
        await using var server = await StartAsync(directory);
        var before = server.Cluster.Requests.TotalCount;

        var result = await server.CallAsync("start_vm", new { vmid = 106 });

        result.AssertError($"audit log {directory} not writable").AssertError("nothing was sent");
        Assert.Equal(before, server.Cluster.Requests.TotalCount);
        Assert.True(server.Cluster.TryGetGuest(106, out var guest) && guest.Status == "stopped");
    }

    [Fact]
    public async Task UnwritableLog_StillAllowsReadsAndDryRuns()
    {
        await using var server = await StartAsync(directory);

        (await server.CallAsync("get_vm", new { vmid = 106 })).AssertSuccess();
        (await server.CallAsync("start_vm", new { vmid = 106, dry_run = true })).AssertError("Would send: POST");
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, "/var/lib/proxmox-mcp", "/var/lib/proxmox-mcp/audit.log")]
    [InlineData(null, "/var/lib/proxmox-mcp:/var/lib/other", "/var/lib/proxmox-mcp/audit.log")]
    [InlineData("/srv/audit/mcp.log", "/var/lib/proxmox-mcp", "/srv/audit/mcp.log")]
    [InlineData("off", "/var/lib/proxmox-mcp", null)]
    public void AuditLogPath_DefaultsToTheSystemdStateDirectory(string? setting, string? stateDirectory, string? expected) =>
        Assert.Equal(expected, SettingsLoader.AuditLogPath(setting, stateDirectory));

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static Task<SimulatedServer> StartAsync(string auditLog) => SimulatedServer.StartAsync(
        s => s with { AuditLog = auditLog, Confirmation = ConfirmationMode.Argument },
        clientOptions: new McpClientOptions { ClientInfo = new Implementation { Name = "audit-test-client", Version = "9.9" } });

    private async Task<string[]> WriteLinesAsync(int count)
    {
        using var log = new AuditLog(Settings(LogPath), new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(Record("tester", i), TestContext.Current.CancellationToken);
        }

        return await File.ReadAllLinesAsync(LogPath, TestContext.Current.CancellationToken);
    }

    private static ServerSettings Settings(string path) => new() { Proxmox = new ProxmoxOptions(), AuditLog = path };

    private static AuditRecord Record(string writer, int i) => new()
    {
        Time = "",
        Event = i % 2 == 0 ? "attempt" : "outcome",
        Call = $"{writer}.{i / 2}",
        Tool = "test_tool",
        Outcome = i % 2 == 0 ? null : "ok",
    };
}
