using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Proxmox.Tasks;

namespace ProxmoxMcp.Proxmox;

public static class ProxmoxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the typed client and its helpers. <paramref name="transport"/> replaces the network (the simulated
    /// cluster's in-process handler, or a test double); the handler chain above it stays the same.
    /// </summary>
    public static IServiceCollection AddProxmoxClient(this IServiceCollection services, ProxmoxOptions options, Func<IServiceProvider, HttpMessageHandler>? transport = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new ProxmoxCertificateValidator(sp.GetRequiredService<ProxmoxOptions>()));
        services.AddSingleton(sp => new ProxmoxHttp(ProxmoxHttpClientFactory.Create(
            sp.GetRequiredService<ProxmoxOptions>(),
            sp.GetRequiredService<ProxmoxCertificateValidator>(),
            sp.GetRequiredService<TimeProvider>(),
            transport?.Invoke(sp),
            sp.GetRequiredService<GuestGuard>())));
        services.AddSingleton(sp => new GuestGuard(
            options.Protect,
            options.Allow,
            async ct => await sp.GetRequiredService<ProxmoxClient>().GetClusterResourcesAsync(ClusterResourceType.Vm, ct),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ProxmoxClient>();
        services.AddSingleton(sp => new TaskWaiter(sp.GetRequiredService<ProxmoxClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ProxmoxErrorTranslator(sp.GetRequiredService<ProxmoxOptions>(), sp.GetRequiredService<ProxmoxCertificateValidator>()));
        return services;
    }
}
