using System.CommandLine;
using ProxmoxMcp.Server.Audit;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>`audit verify FILE`: checks the audit log's hash chain (exit 0) or names the first bad line (exit 1).</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The audit log, e.g. /var/lib/proxmox-mcp/audit.log." };
        var verify = new Command("verify", "Check that no line of the audit log was changed, removed, inserted or reordered (exit 0), or name the first bad line (exit 1).") { file };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            IReadOnlyList<string> lines;
            try
            {
                lines = await AuditFile.ReadLinesAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
            {
                Console.Error.WriteLine($"proxmox-mcp: cannot read the audit log {path}: {e.Message}");
                return ExitCodes.Failed;
            }

            if (AuditChain.Verify(lines) is { } bad)
            {
                Console.WriteLine($"{path}: line {bad.Line} {bad.Problem}.");
                return ExitCodes.Failed;
            }

            Console.WriteLine(lines.Count == 0
                ? $"{path}: empty, nothing to verify."
                : $"{path}: {lines.Count} lines, chain intact. Last sha256: {AuditChain.HashOf(lines[^1])} (keep it elsewhere to detect removal of later lines).");
            return ExitCodes.Ok;
        });
        return new Command("audit", "Work with the audit log of write attempts (PROXMOX_MCP_AUDIT_LOG).") { verify };
    }
}
