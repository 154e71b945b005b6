using System.Text.RegularExpressions;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests.Support;

/// <summary>tests/contract/mcp/client-check.mjs: the official TypeScript SDK client against tcp://127.0.0.1:PORT.</summary>
public static partial class ClientCheck
{
    /// <summary>The reason phrase of the placeholder simulator that answers 501 until the real one is merged.</summary>
    public const string StubSimulatorMarker = "simulator not built";

    public static async Task<ProcessResult> RunAsync(int port, IDictionary<string, string?>? environment = null)
    {
        var script = Path.Combine(RepoPaths.ContractDir, "mcp", "client-check.mjs");
        if (!Directory.Exists(Path.Combine(RepoPaths.ContractDir, "mcp", "node_modules", "@modelcontextprotocol", "sdk")))
        {
            Assert.Skip("the MCP TypeScript SDK is not installed beside client-check.mjs: run tests/prerequisites.sh");
        }

        return await ProcessRunner.RunAsync("node", [script, $"tcp://127.0.0.1:{port}"], TimeSpan.FromSeconds(90), environment: environment,
            cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Asserts "N passed, 0 failed". Against the placeholder simulator only the tool call can fail (its 501 reply);
    /// then every transport step has passed and the test is skipped with that reason instead.
    /// </summary>
    public static void AssertPassed(ProcessResult result)
    {
        var summary = Summary().Match(result.StandardOutput);
        Assert.True(summary.Success, result.ToString());
        var failed = result.StandardOutput.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        if (failed.Count == 1 && failed[0].StartsWith("FAIL call ", StringComparison.Ordinal) && failed[0].Contains(StubSimulatorMarker, StringComparison.Ordinal))
        {
            Assert.Skip($"client-check: {summary.Groups[1].Value} passed over the link; the tool call hit the placeholder simulator (merge main with the simulator to run it)");
        }

        Assert.True(failed.Count == 0 && result.ExitCode == 0, result.ToString());
        Assert.True(int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 5, result.ToString());
    }

    [GeneratedRegex(@"^(\d+) passed, (\d+) failed", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
