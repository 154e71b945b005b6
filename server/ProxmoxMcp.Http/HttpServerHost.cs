using System.Globalization;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Http;

/// <summary>
/// <c>serve --http</c>: one long-lived process, Kestrel with the SDK's Streamable HTTP transport at <see cref="Path"/>,
/// one MCP session per client. In front of it: bearer-token authentication (401, no tool runs), a per-token rate
/// limit (429) and a request-body limit; TLS unless the address is loopback. Each session gets the stdio server's
/// tools, prompts and error filter, narrowed by its token's policy (<see cref="HttpTokenPolicy"/>). Logs go to stderr.
/// </summary>
public static partial class HttpServerHost
{
    public const string Path = "/mcp";

    /// <param name="settings">The merged settings (HTTP ones in <see cref="ServerSettings.Http"/>).</param>
    /// <param name="address">Where to listen; port 0 picks a free one.</param>
    /// <param name="tokens">The token file.</param>
    /// <param name="certificate">The TLS certificate with its key; null serves plain HTTP (loopback only, checked by the caller).</param>
    /// <param name="configure">Last word on the services (tests replace the simulated cluster here).</param>
    public static WebApplication Build(
        ServerSettings settings, HttpAddress address, HttpTokenStore tokens, X509Certificate2? certificate, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(address);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(settings.LogLevel);
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.Http.MaxRequestBodyBytes;
            void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
            {
                if (certificate is not null)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate, SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 });
                }
            }

            if (address.IsLocalhost)
            {
                kestrel.ListenLocalhost(address.Port, Listen);
            }
            else
            {
                kestrel.Listen(address.Ip!, address.Port, Listen);
            }
        });

        builder.Services.AddRouting();
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton<BearerAuthentication>();
        builder.Services.AddRateLimiter(options => ConfigureRateLimit(options, settings.Http));
        ServerServices.AddToolServices(builder.Services, settings);
        // The default cluster's services are this container; other clusters' are built at their first call.
        builder.Services.AddSingleton(sp => new ProxmoxMcp.Server.Clusters.ClusterDirectory(settings, sp.GetRequiredService<ILoggerFactory>(), defaultServices: sp));
        builder.Services.AddMcpServer().WithHttpTransport(http =>
        {
            // Sessions for clients that start with initialize (elicitation for confirmations works there); 2026-07-28
            // clients are served statelessly on the same endpoint. Either way each session gets its token's tools.
            http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
            http.ConfigureSessionOptions = (context, options, _) =>
            {
                var token = context.Features.GetRequiredFeature<HttpTokenFeature>().Token;
                ServerHost.Configure(options, HttpTokenPolicy.SessionSettings(settings, token), HttpTokenPolicy.Tools(ToolCatalog.All, settings, token));
                return Task.CompletedTask;
            };
        });
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        var authentication = app.Services.GetRequiredService<BearerAuthentication>();
        app.Use(next => context => authentication.InvokeAsync(context, next));
        var maxBody = settings.Http.MaxRequestBodyBytes;
        app.Use(next => context =>
        {
            // Kestrel refuses a longer body too, but only once the endpoint reads it, and logs that as a failure.
            if (context.Request.ContentLength > maxBody)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseRateLimiter();
        app.MapMcp(Path);
        return app;
    }

    /// <summary>The MCP endpoint's URL once the server has started (with the port Kestrel chose for port 0).</summary>
    public static Uri EndpointOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal).TrimEnd('/') + Path);
    }

    private static void ConfigureRateLimit(RateLimiterOptions options, HttpSettings http)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            // Authentication runs first, so every request that gets here has a token.
            var token = context.Features.Get<HttpTokenFeature>()?.Token;
            var perMinute = token?.RequestsPerMinute ?? http.RequestsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                $"{token?.Name}/{perMinute}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
        options.OnRejected = (rejected, _) =>
        {
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            var logger = rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ProxmoxMcp.Http");
            LogRateLimited(logger, rejected.HttpContext.Features.Get<HttpTokenFeature>()?.Token.Name ?? "?");
            return ValueTask.CompletedTask;
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "429 for token {Token}: over its rate limit")]
    private static partial void LogRateLimited(ILogger logger, string token);
}
