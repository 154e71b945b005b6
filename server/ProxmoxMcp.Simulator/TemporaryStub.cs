// Placeholder until the simulator lands; replaced by the real SimulatedCluster.
namespace ProxmoxMcp.Simulator;

public sealed record SimulatorOptions
{
    public TimeSpan TaskDuration { get; init; } = TimeSpan.FromSeconds(1.5);
}

public static class SimulatedCredentials
{
    public const string AdminTokenId = "root@pam!mcp";
    public const string AdminTokenSecret = "5e1f6d1a-0000-4000-8000-000000000000";
}

public sealed class SimulatedCluster(SimulatorOptions? options = null) : IDisposable
{
    public SimulatorOptions Options { get; } = options ?? new SimulatorOptions();

#pragma warning disable CA1822
    public HttpMessageHandler CreateHandler() => new StubHandler();
#pragma warning restore CA1822

    public void Dispose()
    {
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotImplemented) { ReasonPhrase = "simulator not built yet" });
    }
}
