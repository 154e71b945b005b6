using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Http;

/// <summary>The token a request authenticated with, set on the request's features by <see cref="BearerAuthentication"/>.</summary>
public sealed record HttpTokenFeature(HttpToken Token);
