namespace ProxmoxMcp.Server.Diagnostics;

public enum CheckStatus
{
    Ok,
    Info,
    Warning,
    Failed,
    Skipped,
}

/// <summary>
/// The findings of `proxmox-mcp check`, written as they happen (a slow network step shows where it is) and counted
/// for the verdict. Callers never pass secrets in: messages name settings, not their values.
/// </summary>
public sealed class CheckReport(TextWriter output)
{
    private readonly List<(CheckStatus Status, string Message)> findings = [];

    public IReadOnlyList<(CheckStatus Status, string Message)> Findings => findings;

    public int Failures => findings.Count(f => f.Status == CheckStatus.Failed);

    public int Warnings => findings.Count(f => f.Status == CheckStatus.Warning);

    /// <summary>A report writing to the same output whose findings are counted apart (a step whose failure the caller judges).</summary>
    public CheckReport Detached() => new(output);

    public void Section(string title)
    {
        output.WriteLine();
        output.WriteLine(title);
    }

    public void Ok(string message) => Add(CheckStatus.Ok, message);

    public void Info(string message) => Add(CheckStatus.Info, message);

    public void Warn(string message) => Add(CheckStatus.Warning, message);

    public void Fail(string message) => Add(CheckStatus.Failed, message);

    public void Skip(string message) => Add(CheckStatus.Skipped, message);

    public void Add(CheckStatus status, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        findings.Add((status, message));
        var label = status switch
        {
            CheckStatus.Ok => "ok  ",
            CheckStatus.Info => "info",
            CheckStatus.Warning => "warn",
            CheckStatus.Failed => "FAIL",
            _ => "skip",
        };
        var lines = message.Split('\n');
        output.WriteLine($"  {label}  {lines[0]}");
        foreach (var line in lines.Skip(1))
        {
            output.WriteLine($"        {line}");
        }
    }

    /// <summary>The last line: what the exit code says, in words.</summary>
    public void Verdict()
    {
        output.WriteLine();
        if (Failures > 0)
        {
            output.WriteLine($"Result: FAILED ({Failures} problem{(Failures == 1 ? "" : "s")}{(Warnings > 0 ? $", {Warnings} warning{(Warnings == 1 ? "" : "s")}" : "")}). Fix the first FAIL above, then run the check again.");
        }
        else if (Warnings > 0)
        {
            output.WriteLine($"Result: OK with {Warnings} warning{(Warnings == 1 ? "" : "s")}.");
        }
        else
        {
            output.WriteLine("Result: OK.");
        }

        output.Flush();
    }
}
