using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.EndToEnd.Tests.Support;

/// <summary>A bare NDJSON JSON-RPC connection to the listener, plain TCP or TLS, for the byte-level assertions.</summary>
public sealed class McpConnection : IAsyncDisposable
{
    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}""";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    public const string ListTools = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    private readonly TcpClient client;
    private readonly Stream stream;
    private readonly List<byte> pending = [];

    private McpConnection(TcpClient client, Stream stream)
    {
        this.client = client;
        this.stream = stream;
    }

    public static async Task<McpConnection> OpenAsync(int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        return new McpConnection(client, client.GetStream());
    }

    /// <summary>TLS to the listener, trusting only <paramref name="caFile"/>, presenting <paramref name="clientCertificate"/> if given.</summary>
    public static async Task<McpConnection> OpenTlsAsync(int port, string caFile, X509Certificate2? clientCertificate, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "127.0.0.1",
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                    CertificateChainPolicy = new X509ChainPolicy
                    {
                        TrustMode = X509ChainTrustMode.CustomRootTrust,
                        CustomTrustStore = { roots[0] },
                        RevocationMode = X509RevocationMode.NoCheck,
                    },
                },
                cancellationToken);
        }
        catch
        {
            await tls.DisposeAsync();
            client.Dispose();
            throw;
        }

        return new McpConnection(client, tls);
    }

    public async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The next line from the server, or null when it closed the connection.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(pending.GetRange(0, newline).ToArray());
                pending.RemoveRange(0, newline + 1);
                return line;
            }

            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0)
            {
                return null;
            }

            pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>Bytes received until the server closed the connection or <paramref name="timeout"/> passed (TLS errors end the read too).</summary>
    public static async Task<byte[]> DrainAsync(Stream stream, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                received.AddRange(buffer.AsSpan(0, read).ToArray());
            }
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Reset, TLS alert or the deadline: whatever arrived so far is the answer.
        }

        return [.. received];
    }

    public Stream Stream => stream;

    /// <summary>initialize, initialized, tools/list: returns the number of tools.</summary>
    public async Task<int> HandshakeAsync(CancellationToken cancellationToken)
    {
        await SendAsync(Initialize, cancellationToken);
        var reply = JsonNode.Parse(await ReadLineAsync(TimeSpan.FromSeconds(20), cancellationToken) ?? throw new IOException("closed before the initialize reply"))!;
        Assert.Equal(1, reply["id"]!.GetValue<int>());
        Assert.Equal("proxmox-mcp", reply["result"]!["serverInfo"]!["name"]!.GetValue<string>());
        await SendAsync(Initialized, cancellationToken);
        await SendAsync(ListTools, cancellationToken);
        var tools = JsonNode.Parse(await ReadLineAsync(TimeSpan.FromSeconds(20), cancellationToken) ?? throw new IOException("closed before the tools/list reply"))!;
        return tools["result"]!["tools"]!.AsArray().Count;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        client.Dispose();
    }
}
