namespace ProxmoxMcp.Proxmox.Http;

/// <summary>No address of the cluster could be connected to; <see cref="Attempts"/> says what each one answered, in the order tried.</summary>
public sealed class NodesUnreachableException(IReadOnlyList<(Uri Address, Exception Error)> attempts)
    : HttpRequestException(
        HttpRequestError.ConnectionError,
        $"None of the cluster's {attempts.Count} addresses could be connected to: {string.Join(", ", attempts.Select(a => a.Address.Authority))}.",
        attempts[^1].Error)
{
    public IReadOnlyList<(Uri Address, Exception Error)> Attempts { get; } = attempts;
}
