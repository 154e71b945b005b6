using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Http;

/// <summary>
/// `proxmox-mcp-http --http ADDRESS` (what `proxmox-mcp serve --http ADDRESS` runs): checks the settings, the TLS
/// files and the token file, then serves until SIGTERM.
/// </summary>
public static class HttpServeCommand
{
    public static async Task<int> RunAsync(ServerSettings settings, string addressText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!StartupChecks.Report(settings) || Prepare(settings, addressText) is not var (address, certificate, tokens))
        {
            return ExitCodes.BadConfiguration;
        }

        using (certificate)
        {
            await using var app = HttpServerHost.Build(settings, address, tokens, certificate);
            await app.StartAsync(cancellationToken);
            Console.Error.WriteLine(
                $"proxmox-mcp: serving MCP (Streamable HTTP{(certificate is null ? ", plain HTTP on loopback" : ", TLS")}) at {HttpServerHost.EndpointOf(app)} " +
                $"for {tokens.Count} token(s) of {settings.Http.TokenFile}");
            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGTERM or Ctrl+C.
            }

            await app.StopAsync(CancellationToken.None);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The address, certificate and tokens, or null after saying on stderr what is wrong.</summary>
    internal static (HttpAddress Address, X509Certificate2? Certificate, HttpTokenStore Tokens)? Prepare(ServerSettings settings, string addressText)
    {
        HttpAddress address;
        try
        {
            address = HttpAddress.Parse(addressText);
        }
        catch (FormatException e)
        {
            return Fail(e.Message);
        }

        var http = settings.Http;
        if ((http.CertificateFile is null) != (http.KeyFile is null))
        {
            return Fail($"{SettingNames.HttpCertificate} and {SettingNames.HttpKey} go together: set both (PEM files) or neither.");
        }

        if (http.CertificateFile is null && !address.IsLoopback)
        {
            return Fail($"{address} is not a loopback address, so TLS is required: set {SettingNames.HttpCertificate} and {SettingNames.HttpKey} " +
                "(--http-cert, --http-key; PEM files), or listen on 127.0.0.1 behind a TLS-terminating reverse proxy.");
        }

        HttpTokenStore tokens;
        try
        {
            var loggers = new LoggerFactory([new StderrLoggerProvider()], new LoggerFilterOptions { MinLevel = settings.LogLevel });
            tokens = HttpTokenStore.Load(http.TokenFile, loggers.CreateLogger("ProxmoxMcp.Http"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return Fail($"Cannot read the token file {http.TokenFile} ({e.Message}). Create a token with `proxmox-mcp http-token add NAME`.");
        }

        if (tokens.Count == 0)
        {
            return Fail($"The token file {http.TokenFile} has no token, so no client could connect: add one with `proxmox-mcp http-token add NAME`.");
        }

        X509Certificate2? certificate = null;
        if (http.CertificateFile is not null)
        {
            try
            {
                certificate = X509Certificate2.CreateFromPemFile(http.CertificateFile, http.KeyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                return Fail($"Cannot load the TLS certificate {http.CertificateFile} with the key {http.KeyFile}: {e.Message}");
            }
        }

        return (address, certificate, tokens);
    }

    private static (HttpAddress, X509Certificate2?, HttpTokenStore)? Fail(string message)
    {
        Console.Error.WriteLine($"proxmox-mcp: {message}");
        return null;
    }
}
