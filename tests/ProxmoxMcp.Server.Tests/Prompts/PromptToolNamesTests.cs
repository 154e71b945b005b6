using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Tests.Prompts;

public partial class PromptToolNamesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A prompt that names a tool the server does not have would send the model looking for it.</summary>
    [Fact]
    public async Task EveryToolNamedInAPrompt_IsATool()
    {
        await using var server = await SimulatedServer.StartAsync();
        var known = ToolCatalog.All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var prompt in await server.Client.ListPromptsAsync(cancellationToken: Ct))
        {
            var arguments = prompt.ProtocolPrompt.Arguments!.Where(a => a.Required == true || a.Name is "node" or "change")
                .ToDictionary(a => a.Name, a => (object?)(a.Name switch { "vmid" => "100", "node" => "pve1", _ => "x" }));
            var result = await server.Client.GetPromptAsync(prompt.Name, arguments, cancellationToken: Ct);
            var text = ((TextContentBlock)result.Messages[0].Content).Text;
            missing.AddRange(ToolLike().Matches(text).Select(m => m.Value).Where(n => !known.Contains(n)).Select(n => $"{prompt.Name}: {n}"));
        }

        Assert.Empty(missing.Distinct());
    }

    [Fact]
    public async Task Prompt_NamingToolsOutsideTheSessionsSelection_SaysWhichAreNotOffered()
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { Tools = [] });

        var result = await server.Client.GetPromptAsync("find_idle_guests", cancellationToken: Ct);

        var text = ((TextContentBlock)result.Messages[0].Content).Text;
        Assert.Contains("This session does not offer get_vm_metrics, get_container_metrics", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get_cluster_resources,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_WhenEveryToolItNamesIsOffered_HasNoNote()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.Client.GetPromptAsync("find_idle_guests", cancellationToken: Ct);

        Assert.DoesNotContain("does not offer", ((TextContentBlock)result.Messages[0].Content).Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(get|create|update|delete|start|stop|shutdown|reboot|restore|rollback|wait)_[a-z_]+\b")]
    private static partial Regex ToolLike();
}
