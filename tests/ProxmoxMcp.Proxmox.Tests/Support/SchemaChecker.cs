using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>Runs tests/contract/pve-api/check_calls.py on recorded calls against the 9.x and the 8.4 schema.</summary>
public static class SchemaChecker
{
    public static readonly IReadOnlyList<string> Schemas = ["pve-api-schema.json", "pve-api-schema-pve8.json"];

    public static string ContractDir => RepoPaths.Combine("tests", "contract", "pve-api");

    /// <summary>Writes the calls to a temp JSONL file and checks it against one schema.</summary>
    public static async Task<ProcessResult> CheckAsync(IEnumerable<string> jsonLines, string schema, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"proxmox-mcp-calls-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, jsonLines, cancellationToken);
        try
        {
            return await CheckFileAsync(file, schema, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static Task<ProcessResult> CheckFileAsync(string file, string schema, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            "python3",
            [Path.Combine(ContractDir, "check_calls.py"), file, "--schema", Path.Combine(ContractDir, schema), "--quiet"],
            TimeSpan.FromMinutes(2),
            cancellationToken: cancellationToken);
}
