using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting;

namespace ProxmoxMcp.Server.Clusters;

/// <summary>
/// The clusters this server serves (<see cref="ServerSettings.Clusters"/>, the default first) and, for each, the
/// services its tools resolve: the Proxmox HTTP stack (or its simulated cluster), the guest locator, the task runner,
/// the confirmation and the tool classes. A cluster's container is built the first time a tool acts on it, so
/// initialize and tools/list build nothing and an unused cluster costs nothing.
/// </summary>
public sealed class ClusterDirectory : IAsyncDisposable
{
    private readonly ServerSettings settings;
    private readonly ILoggerFactory loggers;
    private readonly Action<IServiceCollection>? configureDefault;
    private readonly IServiceProvider? defaultServices;
    private readonly ConcurrentDictionary<string, Lazy<ServiceProvider>> containers = new(StringComparer.Ordinal);

    /// <param name="settings">The server's settings, whose <see cref="ServerSettings.Clusters"/> are served.</param>
    /// <param name="loggers">The server's loggers.</param>
    /// <param name="configureDefault">Last word on the default cluster's services (tests replace its simulated cluster or the clock).</param>
    /// <param name="defaultServices">The default cluster's services when they exist already (the HTTP host's container); null: built here.</param>
    public ClusterDirectory(ServerSettings settings, ILoggerFactory loggers, Action<IServiceCollection>? configureDefault = null, IServiceProvider? defaultServices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.settings = settings;
        this.loggers = loggers;
        this.configureDefault = configureDefault;
        this.defaultServices = defaultServices;
        Clusters = settings.Clusters;
    }

    /// <summary>The served clusters, the default first.</summary>
    public IReadOnlyList<ClusterSettings> Clusters { get; }

    public ClusterSettings Default => Clusters[0];

    /// <summary>More than one cluster: tools take <c>cluster</c> and results name it.</summary>
    public bool IsMulti => Clusters.Count > 1;

    /// <summary>The names, default first, for messages.</summary>
    public string Names => string.Join(", ", Clusters.Select(c => c.Name));

    public ClusterSettings? Find(string name) =>
        Clusters.FirstOrDefault(c => c.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True once the services of <paramref name="name"/> exist (and with them its Proxmox HTTP stack).</summary>
    public bool IsBuilt(string name) => containers.TryGetValue(name, out var lazy) && lazy.IsValueCreated;

    /// <summary>True once the services of any cluster exist.</summary>
    public bool AnyBuilt => containers.Values.Any(c => c.IsValueCreated);

    /// <summary>What tools acting on <paramref name="cluster"/> resolve; built at the first call.</summary>
    public IServiceProvider Services(ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (defaultServices is not null && ReferenceEquals(cluster, Default))
        {
            return defaultServices;
        }

        return containers.GetOrAdd(
            cluster.Name,
            _ => new Lazy<ServiceProvider>(() => Build(cluster), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private ServiceProvider Build(ClusterSettings cluster)
    {
        StartupTrace.Mark("services-container");
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(this);
        ServerServices.AddToolServices(services, settings, cluster);
        if (ReferenceEquals(cluster, Default))
        {
            configureDefault?.Invoke(services);
        }

        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in containers.Values.Where(c => c.IsValueCreated))
        {
            await container.Value.DisposeAsync();
        }
    }
}
