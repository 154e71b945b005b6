using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// Every shell example in README.md, docs/INSTALL.md and docs/CLAUDE_PROMPTS.md (fenced sh/bash blocks, and inline
/// `proxmox-mcp ...` / `install/install.sh ...` commands) is either run against the published AOT binary and the
/// simulator, or listed below as skipped by design with the reason. An example that matches no rule fails the test,
/// so a new one in the docs gets looked at.
/// </summary>
public sealed partial class DocsExamplesTests
{
    private static readonly string[] Documents = ["README.md", "docs/INSTALL.md", "docs/CLAUDE_PROMPTS.md"];

    private enum Verdict
    {
        Run,
        Skip,
    }

    /// <summary>First match wins. Skips say why the example cannot run here; runs say what "sensible output" means.</summary>
    private static readonly (Regex Pattern, Verdict Verdict, string Why)[] Rules =
    [
        (new(@"^\./test\.sh\b"), Verdict.Skip, "the test suite itself (CI runs it through .ci/run)"),
        (new(@"^sudo\b"), Verdict.Skip, "needs root and installs or changes this machine (InstallerTests stage the installer instead)"),
        (new(@"^git pull\b"), Verdict.Skip, "updates the clone"),
        (new(@"^(systemctl|journalctl|ss)\b"), Verdict.Skip, "inspects the installed systemd service"),
        (new(@"\bproxmox-mcp audit verify FILE\b"), Verdict.Skip, "FILE stands for the installed audit log (AuditLogTests verify real logs)"),
        (new(@"^proxmox-mcp (serve --http|http-token)\b"), Verdict.Skip, "a long-lived HTTP server or a token file write with placeholders (Http.Tests run both, HttpInstallerTests the installer's)"),
        (new(@"\bproxmox-mcp check\b"), Verdict.Skip, "needs a real Proxmox VE node (CheckCommandTests run it against a fake one)"),
        (new(@"^dotnet run --project server/ProxmoxMcp\.Server -- demo\b"), Verdict.Run, "the demo, on the published binary: every step as expected"),
        (new(@"\bproxmox-mcp\b.*--simulate\b"), Verdict.Run, "against the simulated cluster: exit 0 and a real answer"),
        (new(@"^proxmox-mcp (tools|--help)\b"), Verdict.Run, "needs no cluster: exit 0 and the listing"),
        (new(@"^install/install\.sh --root \S+ --simulate$"), Verdict.Run, "staged install into a temporary directory, with the published binary (--binary) and --no-check"),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShellExamplesInTheDocs_RunAgainstTheSimulatorOrAreSkippedByDesign()
    {
        var examples = Documents.SelectMany(d => Extract(d).Select(c => (Document: d, Command: c))).Distinct().ToList();
        var unclassified = examples.Where(e => Classify(e.Command) is null).ToList();
        Assert.True(unclassified.Count == 0, "examples no rule covers (add a rule: run it, or say why not):\n" + string.Join('\n', unclassified));

        var runnable = examples.Where(e => Classify(e.Command)!.Value.Verdict == Verdict.Run).ToList();
        Assert.True(runnable.Count >= 6, $"only {runnable.Count} runnable examples found: is the extraction broken?\n{string.Join('\n', examples)}");
        foreach (var skipped in examples.Where(e => Classify(e.Command)!.Value.Verdict == Verdict.Skip))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"skipped by design ({Classify(skipped.Command)!.Value.Why}): {skipped.Document}: {skipped.Command}");
        }

        var server = await PublishedBinaries.ServerAsync(Token);
        var bin = Directory.CreateTempSubdirectory("proxmox-mcp-docs-bin-").FullName;
        var work = Directory.CreateTempSubdirectory("proxmox-mcp-docs-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin, "proxmox-mcp"), server);
            var failures = new List<string>();
            foreach (var (document, command) in runnable)
            {
                var (script, directory) = Prepare(command, server, work);
                var result = await ProcessRunner.RunAsync("bash", ["-c", script], TimeSpan.FromMinutes(3), workingDirectory: directory,
                    environment: new Dictionary<string, string?> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}", ["PROXMOX_MCP_ENV_FILE"] = null },
                    standardInput: "", cancellationToken: Token);
                if (Problem(command, result) is { } problem)
                {
                    failures.Add($"{document}: {command}\n  {problem}\n{result}");
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The published binary stands in for `dotnet run`; the staged install goes to a temporary directory.</summary>
    private static (string Script, string Directory) Prepare(string command, string server, string work)
    {
        if (command.StartsWith("dotnet run --project server/ProxmoxMcp.Server -- ", StringComparison.Ordinal))
        {
            return ("proxmox-mcp " + command["dotnet run --project server/ProxmoxMcp.Server -- ".Length..], work);
        }

        if (command.StartsWith("install/install.sh", StringComparison.Ordinal))
        {
            var root = Path.Combine(work, "stage");
            return ($"{StagingRoot().Replace(command, root)} --binary '{server}' --no-check --non-interactive", RepoPaths.Root);
        }

        return (command, work);
    }

    private static string? Problem(string command, ProcessResult result)
    {
        if (result.ExitCode != 0)
        {
            return $"exit code {result.ExitCode}";
        }

        if (result.StandardOutput.Trim().Length == 0)
        {
            return "printed nothing";
        }

        if ((result.StandardOutput + result.StandardError).Contains("Unhandled exception", StringComparison.Ordinal))
        {
            return "an unhandled exception";
        }

        if (command.StartsWith("printf", StringComparison.Ordinal))
        {
            var replies = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            var call = replies.SingleOrDefault(r => r["id"]?.GetValue<int>() == 2);
            return replies.Any(r => r["id"]?.GetValue<int>() == 1 && r["result"] is not null) && call?["result"] is { } result2 && result2["isError"]?.GetValue<bool>() != true
                ? null
                : "no initialize result or no successful tools/call result";
        }

        string? Expect(string text) => result.StandardOutput.Contains(text, StringComparison.Ordinal) ? null : $"output lacks '{text}'";
        return command switch
        {
            _ when command.Contains(" demo", StringComparison.Ordinal) => Expect("Demo finished: every step behaved as expected."),
            _ when command.Contains(" call get_vm", StringComparison.Ordinal) => Expect("VM 100"),
            _ when command.Contains(" tools get_vm", StringComparison.Ordinal) => Expect("vmid (integer, required)"),
            _ when command.Contains(" tools", StringComparison.Ordinal) => Expect("get_cluster_status"),
            _ when command.Contains("--help", StringComparison.Ordinal) => Expect("Usage:"),
            _ when command.StartsWith("install/install.sh", StringComparison.Ordinal) => Expect("proxmox-mcp is installed."),
            _ => null,
        };
    }

    private static (Verdict Verdict, string Why)? Classify(string command) =>
        Rules.FirstOrDefault(r => r.Pattern.IsMatch(command)) is { Pattern: not null } rule ? (rule.Verdict, rule.Why) : null;

    /// <summary>Commands in fenced sh/bash blocks (continuation lines joined, trailing comments dropped) and inline commands.</summary>
    private static IEnumerable<string> Extract(string document)
    {
        var text = File.ReadAllText(RepoPaths.Combine(document.Split('/')));
        foreach (Match block in FencedShell().Matches(text))
        {
            var joined = Regex.Replace(block.Groups["body"].Value, @"\\\n\s*", " ");
            foreach (var line in joined.Split('\n'))
            {
                var command = TrailingComment().Replace(line, "").Trim();
                if (command.Length > 0)
                {
                    yield return command;
                }
            }
        }

        foreach (Match inline in InlineCommand().Matches(text))
        {
            yield return inline.Groups["command"].Value.Trim();
        }
    }

    [GeneratedRegex(@"```(?:sh|bash|shell|console)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedShell();

    [GeneratedRegex(@"`(?<command>(?:sudo )?(?:proxmox-mcp|install/install\.sh) [^`]*)`")]
    private static partial Regex InlineCommand();

    [GeneratedRegex(@"\s{2,}#\s.*$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex(@"(?<=--root )\S+")]
    private static partial Regex StagingRoot();
}
