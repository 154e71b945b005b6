using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// What tools and filters resolve from a request's services. The settings and the log are at hand; everything else
/// (the Proxmox HTTP stack: HttpClient, resilience pipeline, certificate validator, authentication; the tool
/// classes) comes from a DI container per cluster (<see cref="ClusterDirectory"/>), built the first time something
/// asks for it, normally the first tool call on that cluster. What is not asked of a particular cluster comes from the
/// default cluster's container. socat starts one process per connection, and most connections start with initialize
/// and tools/list only.
/// </summary>
public sealed class ServerServices : IServiceProvider, IAsyncDisposable
{
    private readonly ServerSettings settings;
    private readonly ILoggerFactory loggers;

    /// <param name="configure">Last word on the default cluster's services.</param>
    internal ServerServices(ServerSettings settings, ILoggerFactory loggers, Action<IServiceCollection>? configure)
    {
        this.settings = settings;
        this.loggers = loggers;
        Clusters = new ClusterDirectory(settings, loggers, configure);
    }

    /// <summary>The served clusters and their services.</summary>
    public ClusterDirectory Clusters { get; }

    /// <summary>True once any cluster's container (and with it anything of a Proxmox HTTP stack) exists.</summary>
    public bool IsContainerBuilt => Clusters.AnyBuilt;

    public object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceType == typeof(ServerSettings))
        {
            return settings;
        }

        if (serviceType == typeof(ILoggerFactory))
        {
            return loggers;
        }

        if (serviceType == typeof(IServiceProvider))
        {
            return this;
        }

        // No scopes: every service here is a singleton or a stateless transient, so the SDK's per-request scope
        // would only cost an allocation per request (and would build the container at the first request).
        if (serviceType == typeof(IServiceScopeFactory))
        {
            return null;
        }

        if (serviceType == typeof(ClusterDirectory))
        {
            return Clusters;
        }

        return Clusters.Services(Clusters.Default).GetService(serviceType);
    }

    /// <summary>What tools acting on the default cluster resolve (the HTTP host's container).</summary>
    public static IServiceCollection AddToolServices(IServiceCollection services, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return AddToolServices(services, settings, settings.Clusters[0]);
    }

    /// <summary>What tools acting on <paramref name="cluster"/> resolve: the settings, the cluster, its Proxmox client (or simulated cluster), the shared tool helpers and the tool classes.</summary>
    public static IServiceCollection AddToolServices(IServiceCollection services, ServerSettings settings, ClusterSettings cluster)
    {
        services.AddSingleton(settings);
        services.AddSingleton(cluster);
        services.AddProxmoxBackend(cluster);
        services.AddSingleton<GuestLocator>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<Confirmation>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<GuestOperations>();
        return services.AddToolClasses();
    }

    public async ValueTask DisposeAsync()
    {
        await Clusters.DisposeAsync();
    }
}
