namespace ProxmoxMcp.Server.Tools.Api;

/// <summary>One endpoint of the official Proxmox VE API schema, as the API tools need it.</summary>
public sealed record ApiEndpoint(string Method, string Path, string Summary, string? Returns, IReadOnlyList<ApiParameter> Params)
{
    public string Route => $"{Method} {Path}";

    public IReadOnlyList<string> Segments { get; } = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A parameter of an endpoint: its PVE type (string, integer, number, boolean, array) and constraints. A name ending
/// in <c>[n]</c> stands for numbered keys (<c>net0</c> ... <c>net{NMax}</c>).
/// </summary>
public sealed record ApiParameter(
    string Name,
    string Type,
    bool Required = false,
    bool InPath = false,
    string? Format = null,
    IReadOnlyList<string>? Enum = null,
    string? Pattern = null,
    double? Min = null,
    double? Max = null,
    int? MaxLength = null,
    string? Default = null,
    int? NMax = null,
    string? Text = null,
    string? Description = null)
{
    public bool IsNumbered => Name.EndsWith("[n]", StringComparison.Ordinal);

    public string Stem => IsNumbered ? Name[..^3] : Name;
}
