using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests.Support;

/// <summary>
/// A Proxmox VE API over real HTTPS on 127.0.0.1, answering a few GETs with the recorded PVE samples in
/// tests/contract/pve-api/samples: enough for `proxmox-mcp check` and a read-only tool call. Token auth only;
/// a wrong token gets PVE's 401 (empty body, text in the reason phrase). Anything else gets PVE's 501.
/// </summary>
public sealed class FakeProxmoxNode : IAsyncDisposable
{
    public const string TokenId = "mcp@pve!check";

    private readonly TcpListener listener;
    private readonly X509Certificate2 certificate;
    private readonly string expectedAuthorization;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    private FakeProxmoxNode(X509Certificate2 certificate, string secret, JsonObject permissions)
    {
        this.certificate = certificate;
        expectedAuthorization = $"PVEAPIToken={TokenId}={secret}";
        Permissions = permissions;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>SHA-256 of the leaf, upper-case pairs joined by ':' as the Proxmox GUI shows it.</summary>
    public string Fingerprint => Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256))
        .Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);

    /// <summary>What GET /access/permissions returns: path -> privilege -> propagate.</summary>
    public JsonObject Permissions { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public static FakeProxmoxNode Start(X509Certificate2 certificate, string secret, JsonObject? permissions = null) =>
        new(certificate, secret, permissions ?? AdminPermissions());

    /// <summary>What root@pam (or a token without privilege separation) sees: everything on /, propagated.</summary>
    public static JsonObject AdminPermissions()
    {
        string[] all =
        [
            "Sys.Audit", "Sys.Modify", "VM.Audit", "VM.PowerMgmt", "VM.Allocate", "VM.Clone", "VM.Config.Disk", "VM.Config.Options", "VM.Migrate",
            "VM.Snapshot", "VM.Snapshot.Rollback", "VM.Backup", "Datastore.Audit", "Datastore.Allocate", "Datastore.AllocateSpace", "Pool.Audit", "Pool.Allocate",
        ];
        var root = new JsonObject();
        foreach (var privilege in all)
        {
            root[privilege] = 1;
        }

        return new JsonObject { ["/"] = root, ["/vms"] = root.DeepClone(), ["/storage"] = root.DeepClone(), ["/nodes"] = root.DeepClone(), ["/pool"] = root.DeepClone() };
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stopping.Token);
                var reader = new StreamReader(tls, Encoding.ASCII, false, 4096, leaveOpen: true);
                while (await reader.ReadLineAsync(stopping.Token) is { Length: > 0 } requestLine)
                {
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    while (await reader.ReadLineAsync(stopping.Token) is { Length: > 0 } header)
                    {
                        var colon = header.IndexOf(':', StringComparison.Ordinal);
                        headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
                    }

                    if (headers.TryGetValue("Content-Length", out var length) && int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var n)
                    {
                        var body = new char[n];
                        await reader.ReadBlockAsync(body, stopping.Token);
                    }

                    var parts = requestLine.Split(' ');
                    Requests.Enqueue($"{parts[0]} {parts[1]}");
                    var (status, reason, json) = Answer(parts[0], new Uri("https://x" + parts[1]), headers.GetValueOrDefault("Authorization"));
                    var bytes = json is null ? [] : Encoding.UTF8.GetBytes(json);
                    var head = $"HTTP/1.1 {status} {reason}\r\nContent-Length: {bytes.Length}\r\n" +
                        (json is null ? "" : "Content-Type: application/json;charset=UTF-8\r\n") + "Connection: keep-alive\r\n\r\n";
                    await tls.WriteAsync(Encoding.ASCII.GetBytes(head), stopping.Token);
                    await tls.WriteAsync(bytes, stopping.Token);
                    await tls.FlushAsync(stopping.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // The client went away, refused our certificate (that is a test case), or we are stopping.
            }
        }
    }

    private (int Status, string Reason, string? Json) Answer(string method, Uri url, string? authorization)
    {
        if (authorization != expectedAuthorization)
        {
            return (401, "authentication failure", null);
        }

        var path = url.AbsolutePath;
        if (method != "GET" || !path.StartsWith("/api2/json/", StringComparison.Ordinal))
        {
            return (501, $"Method '{method} {path}' not implemented", "{\"data\":null}");
        }

        return path["/api2/json".Length..] switch
        {
            "/version" => (200, "OK", Sample("version.json")),
            "/nodes" => (200, "OK", Sample("nodes.json")),
            "/cluster/status" => (200, "OK", Sample("cluster-status.json")),
            "/cluster/resources" => (200, "OK", Resources(url.Query.Contains("type=vm", StringComparison.Ordinal))),
            "/access/permissions" => (200, "OK", new JsonObject { ["data"] = Permissions.DeepClone() }.ToJsonString()),
            _ => (501, $"Method 'GET {path}' not implemented", "{\"data\":null}"),
        };
    }

    private static string Sample(string name) => File.ReadAllText(RepoPaths.Combine("tests", "contract", "pve-api", "samples", name));

    private static string Resources(bool guestsOnly)
    {
        var all = JsonNode.Parse(Sample("cluster-resources.json"))!;
        if (!guestsOnly)
        {
            return all.ToJsonString();
        }

        var guests = new JsonArray(all["data"]!.AsArray()
            .Where(r => r?["type"]?.GetValue<string>() is "qemu" or "lxc")
            .Select(r => r!.DeepClone())
            .ToArray());
        return new JsonObject { ["data"] = guests }.ToJsonString(new JsonSerializerOptions());
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
