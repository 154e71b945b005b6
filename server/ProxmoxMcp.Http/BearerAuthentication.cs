using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Http;

/// <summary>
/// Every request needs <c>Authorization: Bearer TOKEN</c> with a token of the token file; anything else gets 401
/// before the MCP endpoint sees the request, so no tool runs. The token's name becomes the user id, to which the
/// SDK binds the session: another token cannot use it.
/// </summary>
public sealed partial class BearerAuthentication(HttpTokenStore tokens, ILogger<BearerAuthentication> logger)
{
    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return RejectAsync(context, "no bearer token", null);
        }

        if (tokens.Find(header[Scheme.Length..].Trim()) is not { } token)
        {
            return RejectAsync(context, "unknown token", "invalid_token");
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, token.Name)], "Bearer"));
        context.Features.Set(new HttpTokenFeature(token));
        return next(context);
    }

    private Task RejectAsync(HttpContext context, string reason, string? error)
    {
        LogRejected(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", context.Request.Method, context.Request.Path.ToString(), reason);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = error is null ? "Bearer realm=\"proxmox-mcp\"" : $"Bearer realm=\"proxmox-mcp\", error=\"{error}\"";
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "401 for {Remote} {Method} {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string remote, string method, string path, string reason);
}
