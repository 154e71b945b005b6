using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>clone_vm / clone_container arguments, as given; <paramref name="NameArgument"/> is "name" for VMs, "hostname" for containers.</summary>
public sealed record CloneArgs(int? NewId, string? Name, string NameArgument)
{
    public string? Target { get; init; }
    public bool? Full { get; init; }
    public string? Storage { get; init; }
    public string? Pool { get; init; }
    public string? Description { get; init; }
    public bool Wait { get; init; } = true;
}

// Cloning: linked clones only from templates (Proxmox's rule, said before asking it), a free id, then POST .../clone.
public sealed partial class GuestOperations
{
    public async Task<CallToolResult> CloneAsync(GuestCall call, CloneArgs args, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var source = GuestTarget.Parse(call);
        var newId = args.NewId is { } n ? VmId.From(n, "newid") : (VmId?)null;
        var name = GuestArguments.DnsName(args.Name, args.NameArgument);
        var targetNode = ToolArguments.OptionalNode(args.Target, "target");
        var storage = args.Storage is null ? (StorageId?)null : StorageId.Parse(args.Storage, "storage");
        var pool = args.Pool is null ? (PoolId?)null : PoolId.Parse(args.Pool, "pool");
        if (args.Full == false && storage is not null)
        {
            throw new McpException("'storage' applies only to full clones: a linked clone's disks stay on the template's storage. Use full=true, or omit storage.");
        }

        var guest = await source.LocateAsync(locator, cancellationToken);
        if (args.Full == false && !guest.Template)
        {
            throw new McpException(
                $"Linked clones can only be made from templates, and {guest.Describe()} is not one. Use full=true (an independent copy), " +
                $"or first make it a template with convert_{source.Suffix}_to_template (irreversible).");
        }

        var placeOn = targetNode is { } t && t != guest.Node ? t : (NodeName?)null;
        if (placeOn is { } destination)
        {
            await RequireNodeAsync(destination, "target", mustBeOnline: true, cancellationToken);
        }

        var id = await AllocateIdAsync(newId, "newid", cancellationToken);
        var request = new CloneRequest(id)
        {
            Name = name,
            Target = placeOn,
            Full = args.Full,
            Storage = storage,
            Pool = pool,
            Description = args.Description,
        };
        var upid = await proxmox.CloneGuestAsync(guest.Node, guest.Type, guest.VmId, request, cancellationToken);
        var kind = (args.Full ?? !guest.Template) ? "full" : "linked";
        var noun = guest.Type.Noun();
        return await tasks.ReportAsync(
            $"Clone {guest.Describe()} to {noun} {id}",
            upid,
            args.Wait,
            progress,
            cancellationToken,
            Notes(
                guest.Note,
                $"New {noun} {id}{(name is null ? "" : $" '{name}'")} on {placeOn ?? guest.Node} ({kind} clone); it is not started. " +
                $"See it with {source.ToolName("get")} vmid={id}."));
    }
}
