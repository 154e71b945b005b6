namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

/// <summary>Generous limits: they only turn a hang into a failure, they never measure speed.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Process = TimeSpan.FromSeconds(60);
}
