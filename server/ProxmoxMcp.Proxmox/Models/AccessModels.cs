using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// POST /access/ticket
public sealed record AccessTicket
{
    [JsonPropertyName("username")] public string? Username { get; init; }
    [JsonPropertyName("ticket")] public string Ticket { get; init; } = "";
    [JsonPropertyName("CSRFPreventionToken")] public string? CsrfPreventionToken { get; init; }
    [JsonPropertyName("clustername")] public string? ClusterName { get; init; }
    [JsonPropertyName("NeedTFA")] public bool NeedTfa { get; init; }
}
