using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Simulator.Host;

namespace ProxmoxMcp.Simulator.Tests;

public class HttpsTests
{
    private static HttpClient PinnedClient(string fingerprint, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    cert is not null && SimulatorHttpsServer.FormatFingerprint(new X509Certificate2(cert)) == fingerprint,
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    [Fact]
    public async Task HttpsServer_OnEphemeralPort_ServesApiWithPinnedFingerprint()
    {
        using var cluster = new SimulatedCluster();
        await using var server = await SimulatorHttpsServer.StartAsync(cluster, IPAddress.Loopback, 0, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", server.Fingerprint);
        Assert.NotEqual(0, server.BaseUrl.Port);
        using var client = PinnedClient(server.Fingerprint, server.ApiUrl);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SimulatedCredentials.AdminAuthorizationHeader);
        using var r = await client.GetAsync("version", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("\"version\":\"9.", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var nodes = await client.GetAsync("nodes", TestContext.Current.CancellationToken);
        Assert.Contains(server.Fingerprint, await nodes.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsServer_SendsPveErrorTextInReasonPhrase()
    {
        using var cluster = new SimulatedCluster();
        await using var server = await SimulatorHttpsServer.StartAsync(cluster, cancellationToken: TestContext.Current.CancellationToken);
        using var client = PinnedClient(server.Fingerprint, server.ApiUrl);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SimulatedCredentials.AdminAuthorizationHeader);
        using var missing = await client.GetAsync("nodes/pve1/qemu/999/status/current", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, missing.StatusCode);
        Assert.Equal("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist", missing.ReasonPhrase);

        using var anon = PinnedClient(server.Fingerprint, server.ApiUrl);
        using var unauth = await anon.GetAsync("nodes", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unauth.StatusCode);
        Assert.Equal("No ticket", unauth.ReasonPhrase);

        using var form = new FormUrlEncodedContent([new("size", "+10G"), new("disk", "scsi0")]);
        using var resize = await client.PutAsync("nodes/pve1/qemu/106/resize", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, resize.StatusCode);
    }

    [Fact]
    public async Task HttpsServer_WrongFingerprint_IsRejectedByPinningClient()
    {
        using var cluster = new SimulatedCluster();
        await using var server = await SimulatorHttpsServer.StartAsync(cluster, cancellationToken: TestContext.Current.CancellationToken);
        using var client = PinnedClient(string.Join(':', Enumerable.Repeat("00", 32)), server.ApiUrl);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("version", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HttpsServer_DropFault_AbortsTheConnection()
    {
        using var cluster = new SimulatedCluster();
        await using var server = await SimulatorHttpsServer.StartAsync(cluster, cancellationToken: TestContext.Current.CancellationToken);
        cluster.Faults.DropConnections(pathPattern: "/version", count: 1);
        using var client = PinnedClient(server.Fingerprint, server.ApiUrl);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("version", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HttpsServer_WritesCertificatePemUsableAsCaFile()
    {
        using var cluster = new SimulatedCluster();
        var pem = Path.Combine(Path.GetTempPath(), $"pve-sim-{Guid.NewGuid():N}.pem");
        try
        {
            await using var server = await SimulatorHttpsServer.StartAsync(cluster, certificatePemPath: pem, cancellationToken: TestContext.Current.CancellationToken);
            var loaded = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(pem, TestContext.Current.CancellationToken));
            Assert.Equal(server.Fingerprint, SimulatorHttpsServer.FormatFingerprint(loaded));
            Assert.Contains("CN=localhost", loaded.Subject, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pem);
        }
    }
}
