using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Agent;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Provisioning;

/// <summary>From a template to a reachable guest in one call: clone or create, cloud-init, disk, start, wait for an IP.</summary>
public sealed class ProvisioningTools(
    ProxmoxClient proxmox, GuestLocator locator, TaskRunner tasks, ProxmoxErrorTranslator translator, TimeProvider time)
{
    private const int DefaultAgentTimeout = 180;
    private static readonly string[] BootDisks = ["scsi0", "virtio0", "sata0", "ide0"];

    [McpServerTool(Name = "provision_vm", Title = "Provision VM from template", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ProvisionOutput))]
    [Description("Clones a cloud-init VM template, sets user, SSH keys, IP and DNS, grows the disk, starts it and waits for the guest agent; returns its IP. " +
        "A failed step is reported with what was already done.")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/clone")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/config")]
    [PveEndpoint("PUT /nodes/{node}/qemu/{vmid}/resize")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/status/start")]
    [PveEndpoint("GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> ProvisionVm(
        [Description("Template VM id.")] int template,
        [Description("Name of the new VM.")] string? name = null,
        [Description(GuestText.NewId)] int? newid = null,
        [Description("Full copy (default false: a linked clone).")] bool? full = null,
        [Description("Storage for a full clone's disks.")] string? storage = null,
        [Description("Cloud-init user name.")] string? ciuser = null,
        [Description(CloudInit.SshKeysDescription)] string? sshkeys = null,
        [Description(CloudInit.IpDescription)] string? ip = null,
        [Description("IPv4 gateway for a static ip.")] string? gateway = null,
        [Description("DNS servers, e.g. '1.1.1.1 9.9.9.9'.")] string? nameserver = null,
        [Description("Boot disk size in GiB (grown, never shrunk).")] int? disk_size = null,
        int? cores = null,
        [Description(GuestText.Memory)] int? memory = null,
        string? pool = null,
        [Description("Start it and wait for its IP (default true).")] bool start = true,
        [Description("Seconds to wait for the guest agent, 10-900 (default 180).")] int? agent_timeout = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var templateId = VmId.From(template, "template");
        var newId = newid is { } n ? VmId.From(n, "newid") : (VmId?)null;
        var vmName = GuestArguments.DnsName(name, "name");
        var fullStorage = storage is null ? (StorageId?)null : StorageId.Parse(storage, "storage");
        var poolId = pool is null ? (PoolId?)null : PoolId.Parse(pool, "pool");
        if (fullStorage is not null && full != true)
        {
            throw new McpException("storage applies to full clones only: add full=true, or omit storage (a linked clone stays on the template's storage).");
        }

        var settings = CloudInitSettings(ciuser, sshkeys, ip, gateway, nameserver);
        if (cores is < 1 or > 512 || memory is < 16 or > 8_388_608 || disk_size is < 1 or > 131_072)
        {
            throw new McpException("cores must be 1-512, memory 16-8388608 MiB, disk_size 1-131072 GiB.");
        }

        if (agent_timeout is < 10 or > 900)
        {
            throw new McpException("agent_timeout must be 10 to 900 seconds.");
        }

        // Before anything is created: the template exists, is a VM and is a template.
        var source = await locator.LocateAsync(templateId, null, GuestType.Qemu, "provision_vm", cancellationToken);
        if (!source.Template)
        {
            throw new McpException(
                $"{source.Describe()} is not a template. provision_vm clones a cloud-init template: get_vms with template=true lists them, " +
                "convert_vm_to_template turns a prepared VM into one, clone_vm copies an ordinary VM.");
        }

        // GET /nodes/{node}/qemu/{vmid}/config
        var templateConfig = await proxmox.GetGuestConfigAsync(source.Node, GuestType.Qemu, templateId, cancellationToken);
        var notes = new List<string>();
        if (!templateConfig.Values.Values.Any(v => v.Contains("cloudinit", StringComparison.Ordinal)) && settings.Count > 0)
        {
            notes.Add($"Template {templateId} has no cloud-init drive: the user, keys and IP settings are stored but nothing applies them in the guest.");
        }

        var bootDisk = BootDisks.FirstOrDefault(k => templateConfig[k] is { } v && !v.Contains("media=cdrom", StringComparison.Ordinal));
        var id = newId ?? await proxmox.GetNextVmIdAsync(cancellationToken);
        var node = source.Node;
        var run = new ProvisionRun(progress, tasks, translator);
        var linked = full != true;

        await run.StepAsync($"clone of template {templateId}", async () =>
        {
            // POST /nodes/{node}/qemu/{vmid}/clone
            var upid = await proxmox.CloneGuestAsync(node, GuestType.Qemu, templateId,
                new CloneRequest(id) { Name = vmName, Full = full == true, Storage = fullStorage, Pool = poolId }, cancellationToken);
            await run.WaitAsync(upid, cancellationToken);
            return $"cloned template {templateId} to VM {id} ({(linked ? "linked" : "full")} clone)";
        }, cancellationToken);

        var config = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        if (cores is { } c)
        {
            config["cores"] = c.ToString(CultureInfo.InvariantCulture);
        }

        if (memory is { } m)
        {
            config["memory"] = m.ToString(CultureInfo.InvariantCulture);
        }

        if (start && templateConfig["agent"] is null or "0")
        {
            config["agent"] = "1";
            notes.Add("The template had no guest agent enabled; agent=1 was set on the new VM.");
        }

        if (config.Count > 0)
        {
            await run.StepAsync("configuration", async () =>
            {
                // POST /nodes/{node}/qemu/{vmid}/config
                await run.WaitAsync(await proxmox.UpdateVmConfigAsync(node, id, new GuestConfigChange(config, []), cancellationToken), cancellationToken);
                return "configured " + Describe(config);
            }, cancellationToken);
        }

        if (disk_size is { } size)
        {
            var current = bootDisk is null ? null : SizeGiB(templateConfig[bootDisk]!);
            if (bootDisk is null)
            {
                notes.Add("The template has no boot disk to grow; disk_size was ignored.");
            }
            else if (current is { } now && now >= size)
            {
                notes.Add($"{bootDisk} is already {Format.Number(now)} GiB; disks are never shrunk.");
            }
            else
            {
                await run.StepAsync($"resize of {bootDisk}", async () =>
                {
                    // PUT /nodes/{node}/qemu/{vmid}/resize
                    await run.WaitAsync(await proxmox.ResizeGuestDiskAsync(node, GuestType.Qemu, id, bootDisk, $"{size.ToString(CultureInfo.InvariantCulture)}G", cancellationToken), cancellationToken);
                    return $"grew {bootDisk} to {size} GiB";
                }, cancellationToken);
            }
        }

        string? address = null;
        List<string>? addresses = null;
        if (start)
        {
            await run.StepAsync("start", async () =>
            {
                // POST /nodes/{node}/qemu/{vmid}/status/start
                await run.WaitAsync(await proxmox.ChangeGuestPowerAsync(node, GuestType.Qemu, id, GuestPowerAction.Start, null, cancellationToken), cancellationToken);
                return "started it";
            }, cancellationToken);

            await run.StepAsync("waiting for the guest agent", async () =>
            {
                var items = await WaitForAgentAsync(run, node, id, TimeSpan.FromSeconds(agent_timeout ?? DefaultAgentTimeout), cancellationToken);
                addresses = items.Where(i => i.Name != "lo").SelectMany(i => i.Ipv4).ToList();
                address = AgentTools.PrimaryIpv4(items);
                return $"the guest agent reports {address}";
            }, cancellationToken);
        }
        else
        {
            notes.Add($"Not started (start=false): start_vm vmid={id}, then get_guest_network vmid={id} for its address.");
        }

        var output = new ProvisionOutput
        {
            VmId = id.Value,
            Type = "qemu",
            Name = vmName,
            Node = node.Value,
            Status = run.Failed ? "failed" : "ok",
            Ip = address,
            Addresses = addresses,
            Done = run.Done,
            FailedStep = run.FailedStep,
            Error = run.Error,
            Notes = notes.Count > 0 ? notes : null,
        };
        return run.Failed
            ? ToolResults.Failure(output, ProvisioningJsonContext.Default.ProvisionOutput)
            : ToolResults.Success(output, ProvisioningJsonContext.Default.ProvisionOutput);
    }

    [McpServerTool(Name = "provision_container", Title = "Provision container", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ProvisionOutput))]
    [Description("Creates a container from an OS template with SSH keys and an IP, starts it and returns its IP. A failed step is reported with what was done.")]
    [PveEndpoint("GET /cluster/nextid")]
    [PveEndpoint("POST /nodes/{node}/lxc")]
    [PveEndpoint("POST /nodes/{node}/lxc/{vmid}/status/start")]
    [PveEndpoint("GET /nodes/{node}/lxc/{vmid}/interfaces")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> ProvisionContainer(
        [Description("Node to create it on.")] string node,
        [Description("OS template volume, e.g. local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst.")] string ostemplate,
        [Description("Host name.")] string hostname,
        [Description(GuestText.NewId)] int? newid = null,
        [Description("Storage for the root disk (default local-lvm).")] string? storage = null,
        [Description("Root disk size in GiB (default 8).")] int? disk_size = null,
        int? cores = null,
        [Description(GuestText.Memory)] int? memory = null,
        [Description(CloudInit.SshKeysDescription)] string? ssh_public_keys = null,
        [Description(CloudInit.IpDescription + " Default dhcp.")] string? ip = null,
        [Description("IPv4 gateway for a static ip.")] string? gateway = null,
        [Description("Bridge (default vmbr0).")] string? bridge = null,
        [Description("DNS servers, e.g. '1.1.1.1 9.9.9.9'.")] string? nameserver = null,
        string? pool = null,
        [Description("Start it and wait for its IP (default true).")] bool start = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var nodeName = NodeName.Parse(node);
        var template = VolumeId.Parse(ostemplate, "ostemplate");
        var host = GuestArguments.DnsName(hostname, "hostname")!;
        var newId = newid is { } n ? VmId.From(n, "newid") : (VmId?)null;
        var rootStorage = StorageId.Parse(storage ?? "local-lvm", "storage");
        var poolId = pool is null ? (PoolId?)null : PoolId.Parse(pool, "pool");
        var address = CloudInit.Ip(ip) ?? "dhcp";
        var gw = CloudInit.Gateway(gateway, address);
        var dns = CloudInit.Nameservers(nameserver);
        var keys = CloudInit.SshKeys(ssh_public_keys);
        var bridgeName = bridge ?? "vmbr0";
        if (!System.Text.RegularExpressions.Regex.IsMatch(bridgeName, "^[A-Za-z][A-Za-z0-9_.-]{0,14}$"))
        {
            throw new McpException($"bridge '{bridge}' is not a bridge name such as vmbr0.");
        }

        if (cores is < 1 or > 512 || memory is < 16 or > 8_388_608 || disk_size is < 1 or > 131_072)
        {
            throw new McpException("cores must be 1-512, memory 16-8388608 MiB, disk_size 1-131072 GiB.");
        }

        var id = newId ?? await proxmox.GetNextVmIdAsync(cancellationToken);
        var run = new ProvisionRun(progress, tasks, translator);
        await run.StepAsync("creation", async () =>
        {
            var request = new ContainerCreateRequest(id, template)
            {
                Hostname = host,
                Cores = cores,
                MemoryMiB = memory,
                RootFsStorage = rootStorage,
                RootFsSizeGiB = disk_size ?? 8,
                NetworkBridge = bridgeName,
                Ip = address,
                Gateway = gw,
                Nameserver = dns,
                SshPublicKeys = keys,
                Pool = poolId,
            };

            // POST /nodes/{node}/lxc
            await run.WaitAsync(await proxmox.CreateContainerAsync(nodeName, request, cancellationToken), cancellationToken);
            return $"created container {id} from {template}";
        }, cancellationToken);

        string? primary = null;
        List<string>? addresses = null;
        if (start)
        {
            await run.StepAsync("start", async () =>
            {
                // POST /nodes/{node}/lxc/{vmid}/status/start
                await run.WaitAsync(await proxmox.ChangeGuestPowerAsync(nodeName, GuestType.Lxc, id, GuestPowerAction.Start, null, cancellationToken), cancellationToken);
                return "started it";
            }, cancellationToken);

            await run.StepAsync("waiting for an IP address", async () =>
            {
                var items = await WaitForContainerIpAsync(run, nodeName, id, TimeSpan.FromSeconds(60), cancellationToken);
                addresses = items.Where(i => i.Name != "lo").SelectMany(i => i.Ipv4).ToList();
                primary = AgentTools.PrimaryIpv4(items);
                return $"it has {primary}";
            }, cancellationToken);
        }

        var output = new ProvisionOutput
        {
            VmId = id.Value,
            Type = "lxc",
            Name = host,
            Node = nodeName.Value,
            Status = run.Failed ? "failed" : "ok",
            Ip = primary,
            Addresses = addresses,
            Done = run.Done,
            FailedStep = run.FailedStep,
            Error = run.Error,
        };
        return run.Failed
            ? ToolResults.Failure(output, ProvisioningJsonContext.Default.ProvisionOutput)
            : ToolResults.Success(output, ProvisioningJsonContext.Default.ProvisionOutput);
    }

    [McpServerTool(Name = "set_cloud_init", Title = "Set cloud-init", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(CloudInitOutput))]
    [Description("Sets a VM's cloud-init user, SSH keys, IP and DNS; returns what changed. Applied by cloud-init at the VM's next boot.")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    [PveEndpoint("POST /nodes/{node}/qemu/{vmid}/config")]
    public async Task<CallToolResult> SetCloudInit(
        int vmid,
        [Description("Cloud-init user name.")] string? ciuser = null,
        [Description(CloudInit.SshKeysDescription + " Replaces the current keys.")] string? sshkeys = null,
        [Description(CloudInit.IpDescription)] string? ip = null,
        [Description("IPv4 gateway for a static ip.")] string? gateway = null,
        [Description("DNS servers, e.g. '1.1.1.1 9.9.9.9'.")] string? nameserver = null,
        string? node = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var nodeName = ToolArguments.OptionalNode(node);
        var settings = CloudInitSettings(ciuser, sshkeys, ip, gateway, nameserver);
        if (settings.Count == 0)
        {
            throw new McpException("Give at least one of ciuser, sshkeys, ip, nameserver.");
        }

        var guest = await locator.LocateAsync(id, nodeName, GuestType.Qemu, "set_cloud_init", cancellationToken);

        // POST /nodes/{node}/qemu/{vmid}/config
        var upid = await proxmox.UpdateVmConfigAsync(guest.Node, id, new GuestConfigChange(settings, []), cancellationToken);
        if (upid is not null)
        {
            var run = new ProvisionRun(null, tasks, translator);
            await run.WaitAsync(upid, cancellationToken);
        }

        var notes = new List<string>();
        if (guest.Note is not null)
        {
            notes.Add(guest.Note);
        }

        if (guest.Status == "running")
        {
            notes.Add("The VM is running: cloud-init applies the new settings when it next boots (reboot_vm).");
        }

        var output = new CloudInitOutput { Guest = guest.Describe(), VmId = id.Value, Changed = [Describe(settings)], Notes = notes.Count > 0 ? notes : null };
        return ToolResults.Success(output, ProvisioningJsonContext.Default.CloudInitOutput);
    }

    /// <summary>ciuser, sshkeys (percent-encoded as PVE wants), ipconfig0 and nameserver, checked.</summary>
    private static Dictionary<string, string> CloudInitSettings(string? ciuser, string? sshkeys, string? ip, string? gateway, string? nameserver)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var address = CloudInit.Ip(ip);
        var gw = CloudInit.Gateway(gateway, address);
        if (CloudInit.User(ciuser) is { } user)
        {
            settings["ciuser"] = user;
        }

        if (CloudInit.SshKeys(sshkeys) is { } keys)
        {
            settings["sshkeys"] = CloudInit.EncodeSshKeys(keys);
        }

        if (address is not null)
        {
            settings["ipconfig0"] = CloudInit.IpConfig(address, gw);
        }

        if (CloudInit.Nameservers(nameserver) is { } dns)
        {
            settings["nameserver"] = dns;
        }

        return settings;
    }

    private static string Describe(Dictionary<string, string> config) =>
        string.Join(", ", config.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key switch
        {
            "sshkeys" => $"{Uri.UnescapeDataString(kv.Value).Split('\n').Length} SSH key(s)",
            "ciuser" => $"user {kv.Value}",
            "ipconfig0" => kv.Value,
            _ => $"{kv.Key}={kv.Value}",
        }));

    private static double? SizeGiB(string drive)
    {
        foreach (var part in drive.Split(','))
        {
            if (part.StartsWith("size=", StringComparison.Ordinal) && part.Length > 6)
            {
                var unit = part[^1];
                var number = char.IsAsciiDigit(unit) ? part[5..] : part[5..^1];
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return unit switch { 'T' => value * 1024, 'G' => value, 'M' => value / 1024, 'K' => value / (1024 * 1024), _ => value / (1024d * 1024 * 1024) };
                }
            }
        }

        return null;
    }

    private async Task<List<GuestInterfaceItem>> WaitForAgentAsync(ProvisionRun run, NodeName node, VmId id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        string? last = null;
        while (true)
        {
            try
            {
                // GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces
                var items = (await proxmox.GetAgentNetworkInterfacesAsync(node, id, cancellationToken)).Select(AgentTools.ToItem).ToList();
                if (AgentTools.PrimaryIpv4(items) is not null)
                {
                    return items;
                }

                last = "the agent answers but reports no IPv4 address yet";
            }
            catch (ProxmoxApiException ex) when (ex.StatusCode == 500 && ex.PveMessage.Contains("guest agent is not running", StringComparison.Ordinal))
            {
                last = ex.PveMessage.TrimEnd('\n');
            }

            var elapsed = time.GetElapsedTime(started);
            if (elapsed >= timeout)
            {
                throw new McpException(
                    $"no IPv4 address from the guest agent within {Format.Seconds(timeout)} (last: {last}). VM {id} runs; if its template lacks " +
                    $"qemu-guest-agent it never answers. get_guest_network vmid={id} asks again");
            }

            run.Report($"waiting for the guest agent of VM {id} ({Format.Seconds(elapsed)})");
            await Task.Delay(TimeSpan.FromSeconds(1) < timeout - elapsed ? TimeSpan.FromSeconds(1) : timeout - elapsed, time, cancellationToken);
        }
    }

    private async Task<List<GuestInterfaceItem>> WaitForContainerIpAsync(ProvisionRun run, NodeName node, VmId id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            // GET /nodes/{node}/lxc/{vmid}/interfaces
            var items = (await proxmox.GetContainerInterfacesAsync(node, id, cancellationToken) ?? []).Select(AgentTools.ToItem).ToList();
            if (AgentTools.PrimaryIpv4(items) is not null)
            {
                return items;
            }

            var elapsed = time.GetElapsedTime(started);
            if (elapsed >= timeout)
            {
                throw new McpException($"container {id} has no IPv4 address after {Format.Seconds(timeout)}; with DHCP check the bridge's DHCP server. get_guest_network vmid={id} asks again");
            }

            run.Report($"waiting for an IP address of container {id}");
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
    }
}
