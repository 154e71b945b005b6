using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Prompts;

public class PromptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListPrompts_OffersTheReadyMadePromptsWithTheirArguments()
    {
        await using var server = await SimulatedServer.StartAsync();

        var prompts = await server.Client.ListPromptsAsync(cancellationToken: Ct);

        Assert.Equal(
            ["backup_before_change", "cluster_health_report", "find_idle_guests", "investigate_failed_tasks", "safe_update_vm"],
            prompts.Select(p => p.Name).Order(StringComparer.Ordinal));
        var safeUpdate = prompts.Single(p => p.Name == "safe_update_vm").ProtocolPrompt;
        Assert.False(string.IsNullOrWhiteSpace(safeUpdate.Description));
        Assert.Equal(["vmid", "change"], safeUpdate.Arguments!.Select(a => a.Name));
        Assert.All(safeUpdate.Arguments!, a => Assert.True(a.Required));
    }

    [Fact]
    public async Task SafeUpdateVm_WithArguments_NamesTheGuestAndTheSnapshotStep()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.Client.GetPromptAsync(
            "safe_update_vm", new Dictionary<string, object?> { ["vmid"] = "101", ["change"] = "give it 4 cores" }, cancellationToken: Ct);

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Messages).Content).Text;
        Assert.Equal(Role.User, result.Messages[0].Role);
        Assert.Contains("guest 101 safely: give it 4 cores", text, StringComparison.Ordinal);
        Assert.Contains("create_snapshot: vmid=101", text, StringComparison.Ordinal);
        Assert.Contains("rollback_snapshot", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafeUpdateVm_WithoutVmid_IsAnInvalidParamsError()
    {
        await using var server = await SimulatedServer.StartAsync();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            server.Client.GetPromptAsync("safe_update_vm", new Dictionary<string, object?> { ["change"] = "x" }, cancellationToken: Ct).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("needs the argument 'vmid'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupBeforeChange_WithInvalidVmid_SaysWhatAVmidIs()
    {
        await using var server = await SimulatedServer.StartAsync();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            server.Client.GetPromptAsync("backup_before_change", new Dictionary<string, object?> { ["vmid"] = "100/../1" }, cancellationToken: Ct).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("vmid '100/../1' is not a guest id", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterHealthReport_WithoutArguments_UsesTheDefaultBackupAge()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.Client.GetPromptAsync("cluster_health_report", cancellationToken: Ct);

        var text = ((TextContentBlock)result.Messages[0].Content).Text;
        Assert.Contains("no backup in the last 7 days", text, StringComparison.Ordinal);
        Assert.Contains("Change nothing", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindIdleGuests_WithUnknownArgument_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            server.Client.GetPromptAsync("find_idle_guests", new Dictionary<string, object?> { ["days"] = "3" }, cancellationToken: Ct).AsTask());

        Assert.Contains("has no argument 'days'", error.Message, StringComparison.Ordinal);
    }
}
