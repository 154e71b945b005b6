using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// GET /nodes/{node}/tasks and GET /cluster/tasks. In lists, "status" is the exit status of a finished task
// (OK, "WARNINGS: n" or the error text) and "RUNNING" or absent for an active one.
public sealed record TaskSummary
{
    [JsonPropertyName("upid")] public string Upid { get; init; } = "";
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("tokenid")] public string? TokenId { get; init; }
    [JsonPropertyName("starttime")] public long? StartTime { get; init; }
    [JsonPropertyName("endtime")] public long? EndTime { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
}

// GET /nodes/{node}/tasks/{upid}/status: status is running|stopped; exitstatus is set once stopped.
public sealed record WorkerTaskStatus
{
    [JsonPropertyName("upid")] public string Upid { get; init; } = "";
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("starttime")] public long? StartTime { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = "";
    [JsonPropertyName("exitstatus")] public string? ExitStatus { get; init; }

    public bool IsRunning => Status == "running";
}

// GET /nodes/{node}/tasks/{upid}/log
public sealed record TaskLogLine
{
    [JsonPropertyName("n")] public long LineNumber { get; init; }
    [JsonPropertyName("t")] public string Text { get; init; } = "";
}
