using ProxmoxMcp.Http;
using ProxmoxMcp.Server.Hosting.Http;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Http.Tests;

/// <summary>
/// tests/contract/mcp/client-check-http.mjs: the client check of <see cref="ClientCheckTests"/> with the official
/// TypeScript SDK client over Streamable HTTP (plus: no token and a wrong token get 401). Against the in-process HTTP
/// host (plain HTTP on loopback, and TLS), and against the Native AOT binaries as installed (`proxmox-mcp serve --http` runs `proxmox-mcp-http`).
/// </summary>
public class ClientCheckHttpTests
{
    private static readonly string Script = RepoPaths.Combine("tests", "contract", "mcp", "client-check-http.mjs");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OfficialTypeScriptClient_OverStreamableHttp_ReportsNoFailures(bool tls)
    {
        using var certificate = tls ? TestCertificate.Create() : null;
        await using var server = await HttpTestServer.StartAsync(certificate: certificate);

        var result = await RunAsync(server.Endpoint, HttpTestServer.Admin, tls);

        AssertPassed(result, "get_snapshots");
    }

    [Fact]
    public async Task OfficialTypeScriptClient_AgainstTheAotBinaryServingHttp_ReportsNoFailures()
    {
        var server = await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken);
        var http = await PublishedBinaries.HttpServerAsync(TestContext.Current.CancellationToken);
        var directory = Directory.CreateTempSubdirectory("pmcp-aot-http-").FullName;
        try
        {
            // As installed: both binaries side by side; `proxmox-mcp serve --http` runs proxmox-mcp-http.
            var binary = Path.Combine(directory, "proxmox-mcp");
            File.Copy(server, binary);
            File.Copy(http, Path.Combine(directory, "proxmox-mcp-http"));
            var tokenFile = Path.Combine(directory, "http-tokens");
            await File.WriteAllTextAsync(tokenFile, HttpTokenFile.Format("check", "aot-check-token", false, null, null) + "\n", TestContext.Current.CancellationToken);
            var port = FreePort.Next();
            using var process = new System.Diagnostics.Process
            {
                StartInfo = new System.Diagnostics.ProcessStartInfo(binary)
                {
                    ArgumentList = { "serve", "--http", $"127.0.0.1:{port}", "--simulate", "--tools", "all", "--http-tokens", tokenFile },
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                },
            };
            foreach (var name in (string[])["PROXMOX_MCP_TOOLS", "PROXMOX_MCP_EXCLUDE_TOOLS", "PROXMOX_MCP_READONLY", "PROXMOX_MCP_ENV_FILE"])
            {
                process.StartInfo.Environment.Remove(name);
            }

            process.Start();
            try
            {
                var started = await process.StandardError.ReadLineAsync(TestContext.Current.CancellationToken);
                Assert.Contains("serving MCP", started ?? "(no output)", StringComparison.Ordinal);

                var result = await RunAsync(new Uri($"http://127.0.0.1:{port}{HttpServerHost.Path}"), "aot-check-token", tls: false);

                AssertPassed(result, "get_snapshots");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<ProcessResult> RunAsync(Uri endpoint, string token, bool tls)
    {
        Assert.True(
            Directory.Exists(RepoPaths.Combine("tests", "contract", "mcp", "node_modules", "@modelcontextprotocol", "sdk")),
            "The TypeScript MCP SDK is not installed: run tests/prerequisites.sh (it runs npm install in tests/contract/mcp).");
        var environment = new Dictionary<string, string?>
        {
            ["MCP_TOKEN"] = token,
            ["CALL_TOOL"] = "get_snapshots",
            ["CALL_ARGS"] = """{"vmid":100}""",
            ["ERROR_TOOL"] = "get_snapshots",
            ["ERROR_ARGS"] = """{"vmid":999999}""",
            ["STRICT"] = "1",
            ["NODE_TLS_REJECT_UNAUTHORIZED"] = tls ? "0" : null,
        };
        return await ProcessRunner.RunAsync(
            "node", [Script, endpoint.ToString()], TimeSpan.FromMinutes(2), Path.GetTempPath(), environment, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static void AssertPassed(ProcessResult result, string tool)
    {
        Assert.True(result.ExitCode == 0 && result.StandardOutput.Contains(" passed, 0 failed", StringComparison.Ordinal), result.ToString());
        Assert.Contains($"PASS call {tool}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PASS no token -> 401", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PASS wrong token -> 401", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PASS tool error is result.isError (get_snapshots)", result.StandardOutput, StringComparison.Ordinal);
    }
}
