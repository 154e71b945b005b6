using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Schema;

/// <summary>xunit runs collections that disable parallelization after all parallel ones: this one runs last.</summary>
[CollectionDefinition(nameof(RunsLast), DisableParallelization = true)]
public sealed class RunsLast;

/// <summary>
/// The schema conformance check of the whole run: every request any test sent through <see cref="PveMock"/> (plus one
/// drive through every client method, so a filtered run checks something too) is written as JSONL to
/// <c>$TMPDIR/proxmox-mcp-client-calls-PID.jsonl</c> and checked with check_calls.py against the 9.x and the 8.4 schema.
/// No test sends a deliberately invalid request: invalid identifiers and parameters never leave the client.
/// </summary>
[Collection(nameof(RunsLast))]
public sealed class RecordedCallsConformanceTests
{
    /// <summary>One file per test process, so concurrent runs do not overwrite each other's calls; kept when a check fails.</summary>
    public static string FilePath => Path.Combine(Path.GetTempPath(), $"proxmox-mcp-client-calls-{Environment.ProcessId}.jsonl");

    public static TheoryData<string> Schemas => [.. SchemaChecker.Schemas];

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task EveryRecordedRequest_ConformsToSchema(string schema)
    {
        var fromOtherTests = CallLog.Count;
        await SchemaConformanceTests.DriveWholeClientAsync();
        var lines = CallLog.Snapshot();
        await File.WriteAllLinesAsync(FilePath, lines, Ct);

        var result = await SchemaChecker.CheckFileAsync(FilePath, schema, Ct);

        TestContext.Current.SendDiagnosticMessage($"{schema}: {lines.Count} requests ({fromOtherTests} from other tests) in {FilePath}");
        Assert.True(result.ExitCode == 0, $"{FilePath} violates {schema}:\n{result}");
        Assert.Contains($"{lines.Count} passed, 0 failed", result.StandardOutput, StringComparison.Ordinal);
        File.Delete(FilePath);
    }
}
