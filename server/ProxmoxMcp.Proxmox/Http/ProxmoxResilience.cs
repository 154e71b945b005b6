using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ProxmoxMcp.Proxmox.Configuration;

namespace ProxmoxMcp.Proxmox.Http;

/// <summary>
/// Timeouts and retries. Reads (GET) get a total timeout, retries with exponential backoff and jitter on transient
/// failures, and a per-attempt timeout. Writes (POST, PUT, DELETE) are never retried: PVE may have acted on a
/// request whose reply was lost, and repeating a start, clone or delete is not harmless.
/// </summary>
public static class ProxmoxResilience
{
    public static ResilienceHandler CreateHandler(ProxmoxOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reads = BuildReads(options, time);
        var writes = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(options.AttemptTimeout)
            .Build();
        return new ResilienceHandler(request => request.Method == HttpMethod.Get ? reads : writes);
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildReads(ProxmoxOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddTimeout(options.TotalTimeout);
        if (options.MaxGetRetries > 0)
        {
            // Polly refuses MaxRetryAttempts = 0: no retries means no retry strategy at all.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxGetRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(300),
                MaxDelay = TimeSpan.FromSeconds(3),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Connection failures, attempt timeouts and gateway errors; never TLS refusals or PVE's own answers (500 is "not found" too).</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => true,
        { Exception: HttpRequestException e } => e.InnerException is not AuthenticationException,
        { Result: { } response } => response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        _ => false,
    };
}
