using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>Argument descriptions shared by the VM and container tools, so both say the same thing the same way.</summary>
public static class GuestText
{
    public const string Vmid = "Guest id (vmid), 100-999999999.";
    public const string Node = "Node the guest is on; found automatically when omitted (if it is elsewhere, it is acted on there, with a note).";
    public const string Wait = "Wait for the Proxmox task to finish (default true); false returns the task id (UPID) at once for wait_for_task.";
    public const string Confirm = "Consent to this destructive action: the vmid repeated (e.g. \"100\"), given only after the user agreed. " +
        "Without it the user is asked (elicitation) when the client supports that; otherwise the tool explains.";
    public const string Timeframe = "hour (default), day, week, month or year.";
    public const string ListNode = "Only guests on this node.";
    public const string ListStatus = "Only guests in this state: running, stopped or paused.";
    public const string ListName = "Only guests whose name contains this text (case-insensitive).";
    public const string ListTag = "Only guests with this tag.";
    public const string ListTemplate = "true: only templates; false: only guests that are not templates; omitted: both.";
    public const string Offset = "Items to skip (for the next page).";
    public const string Limit = Paging.LimitDescription;
    public const string NewNode = "Node to create it on, as get_nodes lists it (e.g. pve1).";
    public const string NewId = "Id for the new guest; the next free id when omitted.";
    public const string Memory = "Memory in MiB (e.g. 2048).";
    public const string Cores = "CPU cores.";
    public const string DiskSize = "Disk size in GiB: '32' or '32G' ('1T' for a TiB).";
    public const string Bridge = "Network bridge for the first NIC (e.g. vmbr0); no NIC when omitted.";
    public const string Tags = "Tags, separated by ';' or ',' (e.g. 'prod;web'): letters, digits, '-', '_', '+', '.'.";
    public const string Pool = "Resource pool to add it to (e.g. 'production').";
    public const string Description = "Notes shown in the Proxmox GUI.";
    public const string Start = "Start it once created (default false).";
    public const string Delete = "Settings to remove (back to Proxmox's default), e.g. [\"description\", \"tags\"].";
    public const string LegacyConfig = "Older form, kept for compatibility: the same settings as an object, e.g. {\"cores\": 4}. Checked exactly like the named arguments.";
    public const string ShutdownTimeout = "Seconds to wait for the guest to shut down (Proxmox's default when omitted: 60 s for containers, until done for VMs).";
    public const string ForceStop = "Hard-stop the guest if it has not shut down within the timeout (default false). Needs confirm: unsaved data inside is lost.";
    public const string RebootTimeout = "Seconds to wait for the shutdown part of the reboot.";
    public const string CloneName = "Name of the new guest (a DNS name, e.g. web-02).";
    public const string CloneTarget = "Node to put the clone on (default: the source's node). Only possible when its disks are on storage both nodes share.";
    public const string CloneFull = "true: full copy of the disks; false: linked clone (only from a template; quick, shares the template's disks). " +
        "Default: linked for templates, full otherwise.";
    public const string CloneStorage = "Storage for the full clone's disks (default: the source's storages). Full clones only.";
    public const string MigrateTarget = "Node to move it to, as get_nodes lists it.";
    public const string ResizeSize = "'+10G' grows the disk by 10 GiB; '50G' grows it to 50 GiB in total. Units K, M, G, T. Disks only grow.";
}
