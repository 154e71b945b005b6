using System.Text;
using System.Text.Json;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox.Recording;
using ProxmoxMcp.Server.Audit;
using ProxmoxMcp.Server.Tools.Api;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.DryRun;

/// <summary>
/// The result of a dry run, kept short for the model: the request that would be sent (parameters as on the wire,
/// secrets masked), what Proxmox documents it to change (the endpoint's summary from the API schema), the reads that
/// checked the current state, whether later steps follow, and what a real run needs.
/// </summary>
public static class DryRunPreview
{
    private const int MaxReads = 6;

    public static string Text(McpServerTool tool, PveExchange write, IReadOnlyList<PveExchange> exchanges, string? confirmTarget)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(exchanges);
        var name = tool.ProtocolTool.Name;
        var text = new StringBuilder();
        text.Append("Dry run of ").Append(name).AppendLine(": nothing was sent to Proxmox.");
        text.Append("Would send: ").AppendLine(Request(write));
        if (ApiRequest.EndpointOf(write.Method, write.Path) is { } endpoint)
        {
            text.Append("Expected change: ").AppendLine(FirstSentence(endpoint.Summary));
        }

        var reads = exchanges.Where(x => x.IsRead).ToList();
        if (reads.Count > 0)
        {
            text.Append("Checked: ").Append(string.Join("; ", reads.Take(MaxReads).Select(r => $"{Read(r)} -> {r.Summary ?? r.Error ?? r.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
            text.AppendLine(reads.Count > MaxReads ? $"; and {reads.Count - MaxReads} more" : "");
        }

        var writes = tool.Metadata.OfType<PveEndpointAttribute>().Select(e => e.Route).Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)).Distinct().Count();
        if (writes > 1)
        {
            text.AppendLine("Later steps (if any) depend on this request's result and are not shown.");
        }

        text.Append("To do it: call ").Append(name).Append(" again without dry_run")
            .Append(confirmTarget is null ? "." : $", with confirm=\"{confirmTarget}\" once the user agrees.");
        return text.ToString();
    }

    /// <summary>"POST /nodes/pve1/qemu/100/status/start" and its parameters as a JSON object of the values sent.</summary>
    public static string Request(PveExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var parameters = AuditArguments.FromPairs(exchange.Parameters);
        return parameters is null ? $"{exchange.Method} {exchange.Path}" : $"{exchange.Method} {exchange.Path} {parameters.ToJsonString(Compact)}";
    }

    /// <summary>"Set virtual machine options (synchronous API)" of a longer summary.</summary>
    private static string FirstSentence(string summary)
    {
        var text = summary.Trim();
        var end = text.IndexOfAny(['\n', ';']) is var i && i > 0 ? i : text.Length;
        var dash = text.IndexOf(" - ", StringComparison.Ordinal);
        end = dash > 0 ? Math.Min(end, dash) : end;
        text = text[..end].Trim();
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    private static string Read(PveExchange read) =>
        read.Parameters.Count == 0 ? $"GET {read.Path}" : $"GET {read.Path}?{string.Join('&', read.Parameters.Select(p => $"{p.Key}={p.Value}"))}";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
