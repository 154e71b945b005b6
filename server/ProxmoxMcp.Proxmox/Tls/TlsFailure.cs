namespace ProxmoxMcp.Proxmox;

/// <summary>Why the node's certificate was refused, with the fingerprint it presented so the user can pin it.</summary>
public sealed record TlsFailure(string Host, string PresentedFingerprint, string Reason);
