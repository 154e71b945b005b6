using System.Text.Json;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// The server lists tools from tools.json (built into the binary) instead of generating schemas at every start;
/// these tests fail as soon as that file no longer matches what the tool methods generate.
/// </summary>
public class PrecomputedCatalogTests
{
    private static string CatalogPath => RepoPaths.Combine("server", "ProxmoxMcp.Server", "Tools", "tools.json");

    [Fact]
    public void CommittedCatalog_MatchesWhatTheToolMethodsGenerate()
    {
        var generated = ToolCatalog.Serialize(ToolCatalog.Build());
        if (Environment.GetEnvironmentVariable(Regenerate.Variable) == "1")
        {
            File.WriteAllText(CatalogPath, generated);
        }

        var committed = File.ReadAllText(CatalogPath).ReplaceLineEndings("\n");
        Assert.True(
            committed == generated.ReplaceLineEndings("\n"),
            $"{CatalogPath} is stale: {Regenerate.Hint}");
    }

    [Fact]
    public void EmbeddedCatalog_IsTheGeneratedOne()
    {
        Assert.True(ToolCatalog.Serialize(ToolCatalog.Build()) == ToolCatalog.Serialize(ToolCatalog.All), $"The catalog built into the server is stale: {Regenerate.Hint}");
    }

    [Fact]
    public void CatalogEntry_WhenTheEntryHasAPropertyItDoesNotRead_Throws()
    {
        using var entry = JsonDocument.Parse("""{"name":"get_x","inputSchema":{"type":"object"},"icons":[]}""");

        var error = Assert.Throws<InvalidOperationException>(() => CatalogEntry.Read(entry.RootElement));

        Assert.Contains("'icons' of tool 'get_x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryListedTool_BuildsItsSdkToolWhenFirstUsed()
    {
        Assert.All(ToolCatalog.All, t => Assert.NotEmpty(t.Tool.Metadata));
    }
}
