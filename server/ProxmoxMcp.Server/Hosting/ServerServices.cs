using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Hosting;

/// <summary>
/// What tools and filters resolve from a request's services. The settings and the log are at hand; everything else
/// (the Proxmox HTTP stack: HttpClient, resilience pipeline, certificate validator, authentication; the tool
/// classes) comes from a DI container built the first time something asks for it, normally the first tool call.
/// socat starts one process per connection, and most connections start with initialize and tools/list only.
/// </summary>
public sealed class ServerServices : IServiceProvider, IAsyncDisposable
{
    private readonly ServerSettings settings;
    private readonly ILoggerFactory loggers;
    private readonly Lazy<ServiceProvider> container;

    internal ServerServices(ServerSettings settings, ILoggerFactory loggers, Action<IServiceCollection>? configure)
    {
        this.settings = settings;
        this.loggers = loggers;
        container = new Lazy<ServiceProvider>(() => BuildContainer(configure), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True once the container (and with it anything of the Proxmox HTTP stack) exists.</summary>
    public bool IsContainerBuilt => container.IsValueCreated;

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

        return container.Value.GetService(serviceType);
    }

    private ServiceProvider BuildContainer(Action<IServiceCollection>? configure)
    {
        StartupTrace.Mark("services-container");
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        AddToolServices(services, settings);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>What tools resolve: the settings, the Proxmox client (or the simulated cluster), the shared tool helpers and the tool classes.</summary>
    public static IServiceCollection AddToolServices(IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(settings);
        services.AddProxmoxBackend(settings);
        services.AddSingleton<GuestLocator>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<Confirmation>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<GuestOperations>();
        return services.AddToolClasses();
    }

    public async ValueTask DisposeAsync()
    {
        if (container.IsValueCreated)
        {
            await container.Value.DisposeAsync();
        }
    }
}
