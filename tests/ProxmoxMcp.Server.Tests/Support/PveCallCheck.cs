using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Support;

/// <summary>Checks every request a simulated session sent with tests/contract/pve-api/check_calls.py (PVE's own parameter verification).</summary>
public static class PveCallCheck
{
    /// <param name="schema">pve-api-schema.json (9.x) or pve-api-schema-pve8.json (8.4).</param>
    public static async Task AssertRequestsPassAsync(SimulatedServer server, string schema)
    {
        ArgumentNullException.ThrowIfNull(server);
        var calls = Path.Combine(Path.GetTempPath(), $"pve-calls-{Guid.NewGuid():N}.jsonl");
        await using (var writer = File.CreateText(calls))
        {
            server.Cluster.Requests.WriteCallsJsonl(writer);
        }

        try
        {
            var directory = RepoPaths.Combine("tests", "contract", "pve-api");
            var result = await ProcessRunner.RunAsync(
                "python3", [Path.Combine(directory, "check_calls.py"), calls, "--schema", Path.Combine(directory, schema), "--quiet"],
                TimeSpan.FromMinutes(2), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        finally
        {
            File.Delete(calls);
        }
    }
}
