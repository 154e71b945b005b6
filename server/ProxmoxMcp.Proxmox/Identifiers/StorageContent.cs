namespace ProxmoxMcp.Proxmox;

/// <summary>Storage content types as PVE names them.</summary>
public static class StorageContent
{
    public static readonly IReadOnlyList<string> All = ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"];

    public static string? RequireOptional(string? content) =>
        content is null || All.Contains(content)
            ? content
            : throw new ProxmoxArgumentException("content", $"content {IdentifierText.Quote(content)} is not a storage content type: use one of {string.Join(", ", All)}.");
}
