using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Simulator;
using ProxmoxMcp.Simulator.Host;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Security.Tests;

/// <summary>
/// Whole sessions of the Native AOT server against the HTTPS simulator at trace log level, with token and with
/// password authentication, a wrong secret (401) and an impostor certificate: the secret appears in no byte the
/// server writes to stderr (its only log) and in no tool result, structured content or error.
/// </summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private const string WrongSecret = "0badc0de-1111-4222-8333-444455556666";

    private SimulatedCluster cluster = null!;
    private SimulatorHttpsServer pve = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        cluster = new SimulatedCluster(new SimulatorOptions { TaskDuration = TimeSpan.FromMilliseconds(50) });
        pve = await SimulatorHttpsServer.StartAsync(cluster, cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await pve.DisposeAsync();
        cluster.Dispose();
    }

    [Fact]
    public async Task TokenSession_AtTraceLevel_NeverShowsTheTokenSecret()
    {
        var output = await RunSessionAsync(new()
        {
            ["PROXMOX_TOKEN_ID"] = SimulatedCredentials.AdminTokenId,
            ["PROXMOX_TOKEN_SECRET"] = SimulatedCredentials.AdminTokenSecret,
        });

        Assert.Contains("Cluster", output.Results, StringComparison.OrdinalIgnoreCase);
        AssertNowhere(SimulatedCredentials.AdminTokenSecret, output);
    }

    [Fact]
    public async Task PasswordSession_AtTraceLevel_NeverShowsThePasswordOrTicket()
    {
        var output = await RunSessionAsync(new()
        {
            ["PROXMOX_USERNAME"] = "root",
            ["PROXMOX_REALM"] = "pam",
            ["PROXMOX_PASSWORD"] = SimulatedCredentials.AdminPassword,
        });

        Assert.Contains("Cluster", output.Results, StringComparison.OrdinalIgnoreCase);
        AssertNowhere(SimulatedCredentials.AdminPassword, output);
        Assert.True(cluster.Requests.CountByMethod("POST", "/access/ticket") >= 1, "the session never logged in with the password");
        AssertNowhere("PVE:root@pam:", output);
    }

    [Fact]
    public async Task WrongTokenSecret_Gives401Explanation_WithoutTheSecret()
    {
        var output = await RunSessionAsync(new()
        {
            ["PROXMOX_TOKEN_ID"] = SimulatedCredentials.AdminTokenId,
            ["PROXMOX_TOKEN_SECRET"] = WrongSecret,
        });

        Assert.Contains("PROXMOX_TOKEN_SECRET", output.Results, StringComparison.Ordinal);
        AssertNowhere(WrongSecret, output);
    }

    [Fact]
    public async Task ImpostorCertificate_IsRefusedBeforeTheTokenIsSent_AndTheErrorHasNoSecret()
    {
        var before = cluster.Requests.TotalCount;
        var output = await RunSessionAsync(
            new()
            {
                ["PROXMOX_TOKEN_ID"] = SimulatedCredentials.AdminTokenId,
                ["PROXMOX_TOKEN_SECRET"] = SimulatedCredentials.AdminTokenSecret,
            },
            fingerprint: string.Join(':', Enumerable.Repeat("AB", 32)));

        Assert.Contains(pve.Fingerprint, output.Results, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, cluster.Requests.TotalCount);
        AssertNowhere(SimulatedCredentials.AdminTokenSecret, output);
    }

    private sealed record SessionOutput(string Results, string Log);

    private static void AssertNowhere(string secret, SessionOutput output)
    {
        Assert.DoesNotContain(secret, output.Results, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, output.Log, StringComparison.Ordinal);
    }

    private async Task<SessionOutput> RunSessionAsync(Dictionary<string, string?> credentials, string? fingerprint = null)
    {
        var log = new ConcurrentQueue<string>();
        var environment = new Dictionary<string, string?>(credentials)
        {
            ["PROXMOX_HOST"] = pve.BaseUrl.Host,
            ["PROXMOX_PORT"] = pve.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PROXMOX_FINGERPRINT"] = fingerprint ?? pve.Fingerprint,
            ["PROXMOX_MCP_LOG_LEVEL"] = "trace",
            ["PROXMOX_TIMEOUT"] = "5",
        };
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "proxmox-mcp",
            Command = await PublishedBinaries.ServerAsync(Ct),
            Arguments = [],
            EnvironmentVariables = environment,
            StandardErrorLines = log.Enqueue,
        });

        var results = new List<string>();
        await using (var client = await McpClient.CreateAsync(transport, cancellationToken: Ct))
        {
            (string Tool, Dictionary<string, object?> Arguments)[] calls =
            [
                ("get_cluster_status", []),
                ("get_nodes", []),
                ("get_cluster_resources", []),
                ("get_vm", new() { ["vmid"] = 100 }),
                ("get_tasks", new() { ["limit"] = 3 }),
                ("create_snapshot", new() { ["vmid"] = 100, ["snapname"] = "secrets-check" }),
                ("get_vm", new() { ["vmid"] = 100, ["node"] = "no-such-node" }),
            ];
            foreach (var (tool, arguments) in calls)
            {
                var result = await client.CallToolAsync(tool, arguments, cancellationToken: Ct);
                results.Add(string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text)));
                results.Add(result.StructuredContent is { } structured ? JsonSerializer.Serialize(structured) : "");
            }
        }

        var logText = string.Join('\n', log);
        Assert.True(logText.Length > 0, "the server wrote no log at trace level: the test would prove nothing");
        return new SessionOutput(string.Join('\n', results), logText);
    }
}
