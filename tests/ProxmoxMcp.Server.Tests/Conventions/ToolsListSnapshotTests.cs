using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// tools/list (names, annotations, input schemas) as a client sees it, compared with a committed snapshot so that the
/// tool surface changes only on purpose.
/// </summary>
public class ToolsListSnapshotTests
{
    private const string UpdateVariable = "PROXMOX_MCP_UPDATE_SNAPSHOT";

    private static string SnapshotPath => RepoPaths.Combine("tests", "ProxmoxMcp.Server.Tests", "Conventions", "tools-list.snapshot.json");

    [Fact]
    public async Task ToolsList_MatchesCommittedSnapshot()
    {
        await using var server = await SimulatedServer.StartAsync();
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = new JsonArray(tools.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["annotations"] = JsonSerializer.SerializeToNode(t.ProtocolTool.Annotations),
            ["inputSchema"] = JsonNode.Parse(t.ProtocolTool.InputSchema.GetRawText()),
        }).ToArray());
        var actual = snapshot.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, actual, TestContext.Current.CancellationToken);
        }

        var expected = File.Exists(SnapshotPath) ? (await File.ReadAllTextAsync(SnapshotPath, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n") : "";
        Assert.True(
            expected == actual,
            $"tools/list differs from {SnapshotPath}. If the change is intended, regenerate it with " +
            $"`{UpdateVariable}=1 dotnet test --project tests/ProxmoxMcp.Server.Tests --filter-class {typeof(ToolsListSnapshotTests).FullName}` " +
            $"and review the diff before committing. First difference: {FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(end)";
            var a = i < actualLines.Length ? actualLines[i] : "(end)";
            if (e != a)
            {
                return $"line {i + 1}: expected `{e.Trim()}`, got `{a.Trim()}`";
            }
        }

        return "none";
    }
}
