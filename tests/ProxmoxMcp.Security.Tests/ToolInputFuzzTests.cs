using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Security.Tests.Support;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Security.Tests;

/// <summary>
/// Every tool, every argument, hostile values: each call ends with a tool result (an error the model can read, or a
/// legitimate success for free text), never a crash, a hang or the SDK's generic error; and nothing unvalidated or
/// unknown ever reaches the (simulated) Proxmox API.
/// </summary>
public sealed partial class ToolInputFuzzTests
{
    private static readonly string[] HostileStrings =
    [
        "", " ", "../../access/users", "pve1/../../access", "100/../101", "local%2F..%2F..", "100?vmid=101", "a#b", "a;b", "a&b=c",
        "a\u0000b", "a\nb", "a\rb", "\u001b[31m", "pvé①", "🙂", "%00", "{node}", "'; DROP", new string('x', 100_000),
    ];

    private static readonly object?[] HostileNumbers = [-1, 0, 2147483648L, 1e20, -0.5, 99.5, "abc", "", "1; 2", true, JsonSerializer.SerializeToElement(new { a = 1 })];

    private static readonly object?[] WrongTypes = [JsonSerializer.SerializeToElement(new[] { 1 }), JsonSerializer.SerializeToElement(new { a = "b" })];

    /// <summary>Plausible values for the other required arguments, so each hostile value is what the tool has to judge.</summary>
    private static readonly Dictionary<string, object?> Plausible = new(StringComparer.Ordinal)
    {
        ["vmid"] = 100, ["node"] = "pve1", ["newid"] = 150, ["snapname"] = "before-upgrade", ["poolid"] = "production",
        ["storage"] = "local", ["target"] = "pve2", ["upid"] = "UPID:pve1:00001234:00ABCDEF:6700AA00:qmstart:100:root@pam:",
        ["volume"] = "local:iso/debian-12.iso", ["archive"] = "local:backup/vzdump-qemu-100-2026_01_01-00_00_00.vma.zst",
        ["disk"] = "scsi0", ["size"] = "+1G", ["ostemplate"] = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst",
        ["command"] = new[] { "uptime" }, ["path"] = "/etc/os-release", ["template"] = 9000, ["hostname"] = "fuzz-ct",
    };

    public static TheoryData<string> ToolNames() =>
    [
        .. ToolCatalog.All
            .Where(t => t.Tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var p) && p.EnumerateObject().Any())
            .Select(t => t.Name),
    ];

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task EveryArgument_WithHostileValues_GivesAToolResultAndSendsNothingUnvalidated(string tool)
    {
        await using var session = await SimulatedSession.StartAsync();
        var schema = (await session.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken))
            .Single(t => t.Name == tool).ProtocolTool.InputSchema;
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        var problems = new List<string>();
        var cases = 0;

        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            foreach (var value in HostileValuesFor(property.Value))
            {
                var arguments = required.Where(n => n != property.Name).ToDictionary(n => n, n => Plausible.GetValueOrDefault(n, "x"));
                arguments[property.Name] = value;
                cases++;
                var outcome = await CallWithinAsync(session, tool, arguments);
                if (outcome is not null)
                {
                    problems.Add($"{property.Name}={Describe(value)}: {outcome}");
                }
            }
        }

        foreach (var request in session.Cluster.Requests.Entries)
        {
            if (request.RejectedBySchema)
            {
                problems.Add($"request refused by the PVE schema left the server: {request} {request.RawBody} {request.ResponseBody}");
            }

            if (!SafePath().IsMatch(request.Path) || request.Path.Contains("..", StringComparison.Ordinal))
            {
                problems.Add($"request path with unvalidated characters: {request.Method} {request.Path}");
            }
        }

        Assert.True(cases > 0, $"{tool}: no argument was tried");
        Assert.True(problems.Count == 0, $"{tool}, {cases} cases:\n" + string.Join('\n', problems.Take(20)));
    }

    /// <summary>Null when the call ended acceptably, otherwise what was wrong.</summary>
    private static async Task<string?> CallWithinAsync(SimulatedSession session, string tool, Dictionary<string, object?> arguments)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        CallToolResult result;
        try
        {
            result = await session.CallAsync(tool, arguments, timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return "no reply within 30 s";
        }
        catch (Exception e)
        {
            return $"protocol failure instead of a tool result: {e.GetType().Name}: {e.Message}";
        }

        if (result.IsError != true)
        {
            return null;
        }

        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        if (string.IsNullOrWhiteSpace(text))
        {
            return "tool error without a message";
        }

        return text.Contains("An error occurred", StringComparison.Ordinal) || text.StartsWith("Internal error", StringComparison.Ordinal)
            ? $"unexplained error: {text}"
            : null;
    }

    private static object?[] HostileValuesFor(JsonElement property)
    {
        var type = property.TryGetProperty("type", out var t) ? t.ToString() : "";
        if (type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal))
        {
            return HostileNumbers;
        }

        if (type.Contains("boolean", StringComparison.Ordinal))
        {
            return ["yes", 2, "", .. WrongTypes];
        }

        return [.. HostileStrings, .. WrongTypes];
    }

    private static string Describe(object? value) => value switch
    {
        string s when s.Length > 40 => $"\"{s[..20]}...\" ({s.Length} chars)",
        string s => JsonSerializer.Serialize(s),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>Decoded request paths may hold only what validated identifiers allow (UPIDs and volume ids included).</summary>
    [GeneratedRegex(@"\A/[A-Za-z0-9/_.:@!\-]*\z")]
    private static partial Regex SafePath();
}
