using System.Text.Json.Serialization;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox.Json;

/// <summary>Source-generated (trim- and AOT-safe) serialization of PVE replies, read leniently.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(PveBooleanConverter), typeof(LenientStringConverter)],
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PveVersion))]
[JsonSerializable(typeof(List<ClusterStatusEntry>))]
[JsonSerializable(typeof(List<ClusterResource>))]
[JsonSerializable(typeof(List<NodeSummary>))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(List<RrdSample>))]
[JsonSerializable(typeof(List<GuestSummary>))]
[JsonSerializable(typeof(GuestStatus))]
[JsonSerializable(typeof(GuestConfig))]
[JsonSerializable(typeof(List<Snapshot>))]
[JsonSerializable(typeof(List<NodeStorage>))]
[JsonSerializable(typeof(List<StorageDefinition>))]
[JsonSerializable(typeof(List<StorageVolume>))]
[JsonSerializable(typeof(List<TaskSummary>))]
[JsonSerializable(typeof(WorkerTaskStatus))]
[JsonSerializable(typeof(List<TaskLogLine>))]
[JsonSerializable(typeof(List<Pool>))]
[JsonSerializable(typeof(AccessTicket))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, long>>))]
[JsonSerializable(typeof(AgentResult<List<GuestInterface>>))]
[JsonSerializable(typeof(List<GuestInterface>))]
[JsonSerializable(typeof(AgentResult<GuestOsInfo>))]
[JsonSerializable(typeof(AgentResult<GuestHostName>))]
[JsonSerializable(typeof(AgentExecStarted))]
[JsonSerializable(typeof(AgentExecStatus))]
[JsonSerializable(typeof(AgentFileContent))]
[JsonSerializable(typeof(List<BackupJob>))]
[JsonSerializable(typeof(List<NotBackedUpGuest>))]
[JsonSerializable(typeof(List<HaStatusEntry>))]
[JsonSerializable(typeof(List<HaResource>))]
[JsonSerializable(typeof(List<ReplicationJob>))]
[JsonSerializable(typeof(CephStatus))]
[JsonSerializable(typeof(List<ClusterLogEntry>))]
[JsonSerializable(typeof(List<NodeInterface>))]
[JsonSerializable(typeof(List<FirewallRule>))]
[JsonSerializable(typeof(FirewallOptions))]
[JsonSerializable(typeof(List<FirewallGroup>))]
[JsonSerializable(typeof(List<SdnZone>))]
[JsonSerializable(typeof(List<SdnVnet>))]
[JsonSerializable(typeof(string))]
public sealed partial class ProxmoxJsonContext : JsonSerializerContext;
