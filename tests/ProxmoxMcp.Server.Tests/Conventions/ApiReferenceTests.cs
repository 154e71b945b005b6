using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Conventions;

public class ApiReferenceTests
{
    [Fact]
    public void CommittedApiReference_MatchesTheTools()
    {
        var path = RepoPaths.Combine("docs", "API_REFERENCE.md");
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "(missing)";

        var rendered = ApiReference.Render(ToolCatalog.All);
        if (Environment.GetEnvironmentVariable(Regenerate.Variable) == "1")
        {
            File.WriteAllText(path, rendered);
            committed = rendered;
        }

        Assert.True(
            committed == rendered,
            $"docs/API_REFERENCE.md is stale: {Regenerate.Hint}");
    }

    [Fact]
    public void ApiReference_DocumentsEveryToolWithItsEndpoints()
    {
        var rendered = ApiReference.Render(ToolCatalog.All);

        Assert.All(ToolCatalog.All, t => Assert.Contains($"### `{t.Name}`", rendered, StringComparison.Ordinal));
        Assert.Contains("Proxmox API: `GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot`", rendered, StringComparison.Ordinal);
    }
}
