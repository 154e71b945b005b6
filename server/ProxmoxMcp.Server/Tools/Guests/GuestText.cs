using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>Argument descriptions shared by the VM and container tools, so both say the same thing the same way.</summary>
public static class GuestText
{
    public const string Sort = Paging.SortDescription;
    public const string Fields = Paging.FieldsDescription;
    public const string Timeframe = "hour, day, week, month or year.";
    public const string ListStatus = "running, stopped or paused.";
    public const string ListName = "Substring.";
    public const string ListTemplate = "true: templates only; false: no templates.";
    public const string NewId = "Next free id when omitted.";
    public const string Memory = "MiB.";
    public const string DiskSize = "GiB, e.g. 32 (default when storage is set).";
    public const string Bridge = "e.g. vmbr0; no NIC when omitted.";
    public const string Tags = "e.g. prod;web.";
    public const string Description = "Notes.";
    public const string Delete = "Keys to reset, e.g. [\"tags\"].";
    public const string LegacyConfig = "Older form: the same settings as an object, e.g. {\"cores\": 4}.";
    public const string ShutdownTimeout = "Seconds to wait.";
    public const string ForceStop = "Hard-stop after the timeout (needs confirm).";
    public const string RebootTimeout = "Seconds to wait for the shutdown.";
    public const string CloneTarget = "Node for the clone (shared storage only).";
    public const string CloneFull = "Full copy (default unless the source is a template).";
    public const string CloneStorage = "Storage for a full clone's disks.";
    public const string ResizeSize = "'+10G' grows by, '50G' grows to.";
}
