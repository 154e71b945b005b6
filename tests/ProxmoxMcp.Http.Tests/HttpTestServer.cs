using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ProxmoxMcp.Http;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting.Http;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Http.Tests;

/// <summary>
/// The real HTTP host (<see cref="HttpServerHost"/>: authentication, rate limit, body limit, per-token sessions) on a
/// random loopback port, against a fresh simulated cluster, with a token file of four tokens: <see cref="Admin"/>
/// (every tool), <see cref="Reader"/> (read-only), <see cref="NodesOnly"/> (tools=nodes) and <see cref="Limited"/> (3 requests a minute).
/// </summary>
public sealed class HttpTestServer : IAsyncDisposable
{
    public const string Admin = "admin-token-secret";
    public const string Reader = "reader-token-secret";
    public const string NodesOnly = "nodes-token-secret";
    public const string Limited = "limited-token-secret";

    private readonly WebApplication app;
    private readonly string directory;

    private readonly X509Certificate2? certificate;

    private HttpTestServer(WebApplication app, string directory, SimulatedCluster cluster, Uri endpoint, X509Certificate2? certificate)
    {
        this.app = app;
        this.certificate = certificate;
        this.directory = directory;
        Cluster = cluster;
        Endpoint = endpoint;
    }

    public SimulatedCluster Cluster { get; }

    /// <summary>The MCP endpoint, http(s)://127.0.0.1:PORT/mcp.</summary>
    public Uri Endpoint { get; }

    public static async Task<HttpTestServer> StartAsync(
        Func<ServerSettings, ServerSettings>? adjust = null, X509Certificate2? certificate = null, string? extraTokenLine = null)
    {
        var directory = Directory.CreateTempSubdirectory("pmcp-http-").FullName;
        var tokenFile = Path.Combine(directory, "http-tokens");
        await File.WriteAllLinesAsync(tokenFile, new[]
        {
            HttpTokenFile.Format("admin", Admin, readOnly: false, tools: null, requestsPerMinute: null),
            HttpTokenFile.Format("reader", Reader, readOnly: true, tools: null, requestsPerMinute: null),
            HttpTokenFile.Format("nodes", NodesOnly, readOnly: false, tools: "nodes", requestsPerMinute: null),
            HttpTokenFile.Format("limited", Limited, readOnly: false, tools: null, requestsPerMinute: 3),
            extraTokenLine ?? "",
        }, TestContext.Current.CancellationToken);

        var cluster = new SimulatedCluster(new SimulatorOptions { TaskDuration = TimeSpan.FromMilliseconds(100) });
        var settings = new ServerSettings
        {
            Proxmox = new ProxmoxOptions(),
            Simulate = true,
            TaskTimeout = TimeSpan.FromSeconds(20),
            Tools = ["all"],
            Http = new HttpSettings { TokenFile = tokenFile, RequestsPerMinute = 10_000, MaxRequestBodyBytes = 64 * 1024 },
        };
        settings = adjust?.Invoke(settings) ?? settings;
        var app = HttpServerHost.Build(
            settings,
            HttpAddress.Parse("127.0.0.1:0"),
            HttpTokenStore.Load(tokenFile, NullLogger.Instance),
            certificate,
            services => services.AddSingleton(cluster));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = HttpServerHost.EndpointOf(app);
        return new HttpTestServer(app, directory, cluster, endpoint, certificate);
    }

    /// <summary>An MCP session over Streamable HTTP with this bearer token (the SDK's client).</summary>
    public Task<McpClient> ConnectAsync(string token, McpClientOptions? options = null) =>
        McpClient.CreateAsync(
            new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = Endpoint,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
                },
                NewHttpClient(),
                ownsHttpClient: true),
            options,
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>One raw JSON-RPC POST, as a client that sends no session would.</summary>
    public async Task<HttpResponseMessage> PostAsync(string json, string? authorization)
    {
        using var client = NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public HttpClient NewHttpClient() =>
        new(new SocketsHttpHandler
        {
            // The test certificate is self-signed: pinned.
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate?.GetCertHashString() },
        });

    public static string Initialize(int id = 1) =>
        """{"jsonrpc":"2.0","id":""" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) +
        ""","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        Cluster.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
