using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Simulator;
using ProxmoxMcp.Simulator.Host;

namespace ProxmoxMcp.Bench.Infrastructure;

/// <summary>
/// The Proxmox VE simulator served over real HTTPS on 127.0.0.1 (Kestrel, self-signed certificate) in the bench
/// process, with the settings that point the AOT server at it (token, pinned fingerprint) and a direct HttpClient
/// for baselines. Its request log counts the Proxmox requests each tool call makes.
/// </summary>
internal sealed class PveSimulator : IAsyncDisposable
{
    private readonly SimulatorHttpsServer server;

    private PveSimulator(SimulatedCluster cluster, SimulatorHttpsServer server)
    {
        Cluster = cluster;
        this.server = server;
    }

    public SimulatedCluster Cluster { get; }

    public int Port => server.BaseUrl.Port;

    public string Fingerprint => server.Fingerprint;

    /// <summary>Environment for proxmox-mcp: this simulator, the admin token, the certificate pinned by fingerprint.</summary>
    public Dictionary<string, string?> ServerEnvironment => new(StringComparer.Ordinal)
    {
        ["PROXMOX_HOST"] = "127.0.0.1",
        ["PROXMOX_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["PROXMOX_TOKEN_ID"] = SimulatedCredentials.AdminTokenId,
        ["PROXMOX_TOKEN_SECRET"] = SimulatedCredentials.AdminTokenSecret,
        ["PROXMOX_FINGERPRINT"] = Fingerprint,
        ["PROXMOX_MCP_LOG_LEVEL"] = "warning",
        // The benchmarks call tools beyond the default profile (metrics, for instance).
        ["PROXMOX_MCP_TOOLS"] = "all",
    };

    public static async Task<PveSimulator> StartAsync(EstateSize estate, CancellationToken cancellationToken)
    {
        var cluster = new SimulatedCluster(new SimulatorOptions { Estate = estate, TaskDuration = TimeSpan.FromMilliseconds(200) });
        var server = await SimulatorHttpsServer.StartAsync(cluster, IPAddress.Loopback, 0, cancellationToken: cancellationToken);
        return new PveSimulator(cluster, server);
    }

    /// <summary>
    /// The baseline client: what a program that talks to Proxmox directly would use. Keep-alive connection pool,
    /// TLS with the same fingerprint pin, the same token header, the same base address.
    /// </summary>
    public HttpClient CreateDirectClient()
    {
        var pinned = Fingerprint.Replace(":", "", StringComparison.Ordinal);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(
                        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData())), pinned, StringComparison.OrdinalIgnoreCase),
            },
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/api2/json/"),
            DefaultRequestVersion = HttpVersion.Version11,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("PVEAPIToken", $"{SimulatedCredentials.AdminTokenId}={SimulatedCredentials.AdminTokenSecret}");
        return client;
    }

    /// <summary>The requests the simulator received since the last <see cref="RequestLog.Clear"/>, as relative GET URLs.</summary>
    public List<string> LoggedRequests() =>
        Cluster.Requests.Entries
            .Select(e => e.Method + " " + e.Path.TrimStart('/') + (e.Query.Count == 0 ? "" : "?" + string.Join('&', e.Query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)))))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Cluster.Dispose();
    }
}
