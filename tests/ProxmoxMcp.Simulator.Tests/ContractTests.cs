using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Simulator.Tests;

/// <summary>
/// Drives every simulated endpoint (success and error paths), exports the request log as JSONL and runs the
/// repository's schema checkers (tests/contract/pve-api/check_calls.py and check_responses.py) on it.
/// </summary>
public class ContractTests
{
    private static readonly string Upload = Path.Combine(AppContext.BaseDirectory, "contract-out");

    /// <summary>
    /// Responses that deviate from check_responses.py on purpose because real PVE answers that way
    /// (docs/SIMULATOR.md, "Known deviations"): GET /cluster/nextid sends the id as a JSON string although the schema
    /// says integer, and a GET/DELETE with a body gets pve-http-server's plain-text 501 "Unexpected content" body.
    /// </summary>
    private static bool IsDocumentedResponseDeviation(RequestLogEntry e) =>
        (e.Path == "/cluster/nextid" && e.Status == 200)
        || (e.Status == 501 && e.Reason.StartsWith("Unexpected content for method", StringComparison.Ordinal));

    private static async Task<Sim> DriveEverything()
    {
        var sim = new Sim();
        var q = (string k, string v) => (k, v);
        string Esc(string upid) => Uri.EscapeDataString(upid);

        // read-only endpoints
        await sim.Get("/version");
        await sim.Get("/cluster/status");
        await sim.Get("/cluster/resources");
        foreach (var t in new[] { "vm", "storage", "node", "sdn" })
        {
            await sim.Get("/cluster/resources", q("type", t));
        }

        await sim.Get("/cluster/nextid");
        await sim.Get("/cluster/nextid", q("vmid", "555"));
        await sim.Get("/cluster/nextid", q("vmid", "100"));
        await sim.Get("/cluster/tasks");
        await sim.Get("/nodes");
        await sim.Get("/nodes/pve1/status");
        foreach (var tf in new[] { "hour", "day", "week", "month", "year" })
        {
            await sim.Get("/nodes/pve2/rrddata", q("timeframe", tf), q("cf", "AVERAGE"));
        }

        await sim.Get("/nodes/pve1/rrddata", q("timeframe", "hour"), q("cf", "MAX"));
        await sim.Get("/nodes/pve1/qemu");
        await sim.Get("/nodes/pve1/qemu", q("full", "1"));
        await sim.Get("/nodes/pve1/lxc");
        foreach (var (kind, node, vmid) in new[] { ("qemu", "pve1", 100), ("qemu", "pve3", 104), ("lxc", "pve1", 200) })
        {
            var b = $"/nodes/{node}/{kind}/{vmid}";
            await sim.Get(b);
            await sim.Get(b + "/status");
            await sim.Get(b + "/status/current");
            await sim.Get(b + "/config");
            await sim.Get(b + "/config", q("current", "1"));
            await sim.Get(b + "/rrddata", q("timeframe", "day"));
            await sim.Get(b + "/snapshot");
        }

        await sim.Get("/nodes/pve1/qemu/100/config", q("snapshot", "pre-upgrade"));
        await sim.Get("/nodes/pve1/qemu/100/snapshot/pre-upgrade");
        await sim.Get("/nodes/pve1/qemu/100/snapshot/pre-upgrade/config");
        await sim.Get("/nodes/pve1/lxc/200/snapshot/before-update");
        await sim.Get("/nodes/pve1/lxc/200/snapshot/before-update/config");
        await sim.Get("/storage");
        await sim.Get("/storage", q("type", "nfs"));
        await sim.Get("/nodes/pve1/storage");
        await sim.Get("/nodes/pve1/storage", q("content", "images"), q("enabled", "1"));
        await sim.Get("/nodes/pve1/storage", q("format", "1"));
        await sim.Get("/nodes/pve1/storage/local/status");
        await sim.Get("/nodes/pve1/storage/local/content");
        await sim.Get("/nodes/pve1/storage/local/content", q("content", "iso"));
        await sim.Get("/nodes/pve1/storage/local-lvm/content", q("vmid", "100"));
        await sim.Get("/nodes/pve2/storage/nfs-backup/content", q("content", "backup"));
        await sim.Get("/pools");
        await sim.Get("/pools", q("poolid", "production"));
        await sim.Get("/pools/lab");
        await sim.Get("/pools/lab", q("type", "qemu"));
        await sim.Get("/nodes/pve1/tasks");
        await sim.Get("/nodes/pve1/tasks", q("start", "1"), q("limit", "2"), q("errors", "1"));
        await sim.Get("/nodes/pve1/tasks", q("vmid", "100"), q("typefilter", "qmstart"), q("source", "all"));
        await sim.Get("/access/permissions");
        await sim.Get("/access/permissions", q("path", "/vms/100"));
        await sim.Send("POST", "/access/ticket", form: [q("username", "root@pam"), q("password", SimulatedCredentials.AdminPassword)], headers: new Dictionary<string, string>());
        await sim.Send("POST", "/access/ticket", form: [q("username", "root"), q("realm", "pam"), q("password", "wrong")], headers: new Dictionary<string, string>());

        // power actions with tasks, status and logs
        foreach (var (path, args) in new (string, (string, string)[])[]
        {
            ("/nodes/pve1/qemu/106/status/start", [q("timeout", "30")]),
            ("/nodes/pve1/qemu/106/status/suspend", []),
            ("/nodes/pve1/qemu/106/status/resume", []),
            ("/nodes/pve1/qemu/106/status/reboot", [q("timeout", "60")]),
            ("/nodes/pve1/qemu/106/status/reset", []),
            ("/nodes/pve1/qemu/106/status/shutdown", [q("timeout", "60"), q("forceStop", "1")]),
            ("/nodes/pve1/qemu/106/status/stop", []),
            ("/nodes/pve1/qemu/100/status/start", []),
            ("/nodes/pve1/lxc/204/status/start", []),
            ("/nodes/pve1/lxc/204/status/suspend", []),
            ("/nodes/pve1/lxc/204/status/resume", []),
            ("/nodes/pve1/lxc/204/status/reboot", []),
            ("/nodes/pve1/lxc/204/status/shutdown", [q("timeout", "30")]),
        })
        {
            var r = await sim.Post(path, args);
            if (r.Status == 200)
            {
                var upid = r.Data!.GetValue<string>();
                await sim.Get($"/nodes/pve1/tasks/{Esc(upid)}/status");
                await sim.Get($"/nodes/pve1/tasks/{Esc(upid)}");
                await sim.Finish(upid);
                await sim.Get($"/nodes/pve1/tasks/{Esc(upid)}/log", q("start", "0"), q("limit", "50"));
            }
        }

        await sim.Post("/nodes/pve1/lxc/204/status/stop");
        await sim.Post("/nodes/pve1/lxc/200/status/start");
        var stopMe = (await sim.Post("/nodes/pve1/lxc/200/status/stop")).Data!.GetValue<string>();
        await sim.Delete($"/nodes/pve1/tasks/{Esc(stopMe)}");
        await sim.Post("/nodes/pve3/qemu/104/status/shutdown");

        // config, resize, snapshots, template
        await sim.Put("/nodes/pve1/qemu/106/config", q("cores", "2"), q("memory", "4096"), q("net1", "virtio,bridge=vmbr0"), q("tags", "lab;x"));
        await sim.Put("/nodes/pve1/qemu/106/config", q("delete", "net1"));
        await sim.Finish((await sim.Post("/nodes/pve1/qemu/106/config", q("description", "async change"))).Data!.GetValue<string>());
        await sim.Put("/nodes/pve1/qemu/106/config", q("cores", "2"), q("digest", "0000000000000000000000000000000000000000"));
        await sim.Put("/nodes/pve1/lxc/204/config", q("memory", "2048"), q("swap", "256"));
        await sim.Finish((await sim.Put("/nodes/pve1/qemu/106/resize", q("disk", "scsi0"), q("size", "+10G"))).Data!.GetValue<string>());
        await sim.Put("/nodes/pve1/lxc/204/resize", q("disk", "rootfs"), q("size", "+1G"));
        await sim.Finish((await sim.Post("/nodes/pve1/qemu/106/snapshot", q("snapname", "c1"), q("description", "contract"))).Data!.GetValue<string>());
        await sim.Put("/nodes/pve1/qemu/106/snapshot/c1/config", q("description", "renamed"));
        await sim.Finish((await sim.Post("/nodes/pve1/qemu/106/snapshot/c1/rollback")).Data!.GetValue<string>());
        await sim.Finish((await sim.Delete("/nodes/pve1/qemu/106/snapshot/c1")).Data!.GetValue<string>());
        await sim.Finish((await sim.Post("/nodes/pve1/lxc/204/snapshot", q("snapname", "c2"))).Data!.GetValue<string>());
        await sim.Put("/nodes/pve1/lxc/204/snapshot/c2/config", q("description", "ct snap"));
        await sim.Finish((await sim.Post("/nodes/pve1/lxc/204/snapshot/c2/rollback", q("start", "0"))).Data!.GetValue<string>());
        await sim.Finish((await sim.Delete("/nodes/pve1/lxc/204/snapshot/c2", q("force", "1"))).Data!.GetValue<string>());

        // create, clone, migrate, backup, restore, template, delete
        await sim.Finish((await sim.Post("/nodes/pve2/qemu", q("vmid", "140"), q("name", "contract-vm"), q("memory", "2048"), q("cores", "2"),
            q("scsi0", "local-lvm:16,iothread=1"), q("scsihw", "virtio-scsi-single"), q("net0", "virtio,bridge=vmbr0"), q("ostype", "l26"))).Data!.GetValue<string>());
        await sim.Post("/nodes/pve2/qemu", q("vmid", "141"), q("scsi0", "local-lvm:32G"));
        await sim.Finish((await sim.Post("/nodes/pve3/lxc", q("vmid", "240"), q("ostemplate", "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"),
            q("hostname", "contract-ct"), q("rootfs", "local-lvm:4"), q("net0", "name=eth0,bridge=vmbr0,ip=dhcp"), q("unprivileged", "1"))).Data!.GetValue<string>());
        await sim.Finish((await sim.Post("/nodes/pve1/qemu/9000/clone", q("newid", "150"), q("name", "linked-clone"), q("full", "0"))).Data!.GetValue<string>());
        await sim.Finish((await sim.Post("/nodes/pve1/qemu/100/clone", q("newid", "151"), q("full", "1"), q("storage", "local-lvm"), q("pool", "lab"))).Data!.GetValue<string>());
        await sim.Post("/nodes/pve1/qemu/100/clone", q("newid", "152"), q("full", "0"));
        await sim.Finish((await sim.Post("/nodes/pve2/lxc/9100/clone", q("newid", "250"), q("hostname", "ct-clone"))).Data!.GetValue<string>());
        await sim.Finish((await sim.Post("/nodes/pve1/qemu/151/migrate", q("target", "pve2"))).Data!.GetValue<string>());
        await sim.Post("/nodes/pve1/qemu/101/migrate", q("target", "pve2"));
        await sim.Finish((await sim.Post("/nodes/pve1/lxc/200/migrate", q("target", "pve3"), q("restart", "1"))).Data!.GetValue<string>());
        await sim.Finish((await sim.Post("/nodes/pve1/vzdump", q("vmid", "106"), q("storage", "nfs-backup"), q("mode", "snapshot"), q("compress", "zstd"), q("notes-template", "{{guestname}}"))).Data!.GetValue<string>());
        await sim.Post("/nodes/pve2/vzdump", q("vmid", "100"));
        var backup = sim.Cluster.GetVolumes("nfs-backup").First(v => v.Vmid == 106).Volid;
        await sim.Finish((await sim.Post("/nodes/pve1/qemu", q("vmid", "160"), q("archive", backup), q("storage", "local-lvm"), q("unique", "1"))).Data!.GetValue<string>());
        var ctBackup = sim.Cluster.GetVolumes("local", "pve1").First(v => v.Vmid == 200).Volid;
        await sim.Finish((await sim.Post("/nodes/pve1/lxc", q("vmid", "260"), q("ostemplate", ctBackup), q("restore", "1"), q("storage", "local-lvm"))).Data!.GetValue<string>());
        await sim.Finish((await sim.Post("/nodes/pve2/qemu/140/template")).Data!.GetValue<string>());
        await sim.Post("/nodes/pve3/lxc/240/template");
        await sim.Finish((await sim.Delete("/nodes/pve2/qemu/150".Replace("pve2", "pve1", StringComparison.Ordinal), q("purge", "1"), q("destroy-unreferenced-disks", "1"))).Data!.GetValue<string>());
        await sim.Finish((await sim.Delete("/nodes/pve2/lxc/250", q("purge", "1"))).Data!.GetValue<string>());
        await sim.Delete("/nodes/pve1/qemu/101");
        await sim.Finish((await sim.Delete($"/nodes/pve2/storage/nfs-backup/content/{backup}")).Data!.GetValue<string>());

        // pools
        await sim.Post("/pools", q("poolid", "contract"), q("comment", "Contract pool"));
        await sim.Put("/pools", q("poolid", "contract"), q("vms", "103"), q("storage", "local"));
        await sim.Put("/pools/contract", q("comment", "changed"));
        await sim.Put("/pools", q("poolid", "contract"), q("vms", "103"), q("storage", "local"), q("delete", "1"));
        await sim.Delete("/pools", q("poolid", "contract"));
        await sim.Post("/pools", q("poolid", "contract2"));
        await sim.Delete("/pools/contract2");

        // guest agent (VM 100 runs it; VM 102's does not answer; VM 103 has none) and a container's interfaces
        await sim.Get("/nodes/pve1/qemu/100/agent/network-get-interfaces");
        await sim.Get("/nodes/pve1/qemu/100/agent/get-osinfo");
        await sim.Get("/nodes/pve1/qemu/100/agent/get-host-name");
        await sim.Post("/nodes/pve1/qemu/100/agent/ping");
        var exec = await sim.Post("/nodes/pve1/qemu/100/agent/exec", q("command", "uname"), q("command", "-a"));
        await sim.Get("/nodes/pve1/qemu/100/agent/exec-status", q("pid", exec.Data!["pid"]!.ToJsonString()));
        await sim.Get("/nodes/pve1/qemu/100/agent/file-read", q("file", "/etc/hostname"));
        await sim.Get("/nodes/pve1/qemu/100/agent/file-read", q("file", "/etc/missing"));
        await sim.Get("/nodes/pve2/qemu/102/agent/get-osinfo");
        await sim.Get("/nodes/pve2/qemu/103/agent/network-get-interfaces");
        await sim.Get("/nodes/pve2/lxc/201/interfaces");

        // operational checks: backup jobs, HA, replication
        await sim.Get("/cluster/backup");
        await sim.Get("/cluster/backup-info/not-backed-up");
        await sim.Get("/cluster/ha/status/current");
        await sim.Get("/cluster/ha/resources");
        await sim.Get("/cluster/replication");
        await sim.Get("/nodes/pve1/replication", q("guest", "101"));

        // logs and network views
        await sim.Get("/nodes/pve1/syslog", q("start", "0"), q("limit", "5"), q("service", "pvedaemon"), q("since", "2026-01-01 00:00:00"));
        await sim.Get("/cluster/log", q("max", "10"));
        await sim.Get("/nodes/pve1/firewall/log", q("limit", "5"), q("since", "0"));
        await sim.Get("/nodes/pve1/qemu/100/firewall/log");
        await sim.Get("/nodes/pve2/lxc/201/firewall/log", q("start", "1"), q("limit", "2"));
        await sim.Get("/nodes/pve1/network");
        await sim.Get("/nodes/pve2/network", q("type", "bridge"));
        await sim.Get("/cluster/firewall/rules");
        await sim.Get("/cluster/firewall/options");
        await sim.Get("/cluster/firewall/groups");
        await sim.Get("/nodes/pve1/firewall/rules");
        await sim.Get("/nodes/pve1/firewall/options");
        await sim.Get("/nodes/pve1/qemu/100/firewall/rules");
        await sim.Get("/nodes/pve1/qemu/100/firewall/options");
        await sim.Get("/nodes/pve2/lxc/201/firewall/rules");
        await sim.Get("/nodes/pve2/lxc/201/firewall/options");
        await sim.Get("/cluster/sdn/zones");
        await sim.Get("/cluster/sdn/vnets");

        // error conventions: 401, 403, 400, 500, 501, 595
        await sim.Send("GET", "/nodes", headers: new Dictionary<string, string>());
        await sim.Send("GET", "/nodes", headers: Sim.Auth("PVEAPIToken=root@pam!mcp=wrong"));
        sim.Authorization = SimulatedCredentials.AuditorAuthorizationHeader;
        await sim.Post("/nodes/pve1/qemu/100/status/stop");
        sim.Authorization = SimulatedCredentials.AdminAuthorizationHeader;
        await sim.Post("/nodes/pve1/qemu/100/status/start", q("force", "1"));
        await sim.Get("/nodes/pve1/qemu", q("full", "yes"));
        await sim.Get("/nodes/pve1/qemu/99/status/current");
        await sim.Get("/nodes/pve1/rrddata", q("timeframe", "minute"));
        await sim.Put("/nodes/pve1/qemu/106/config", q("net0", "virtio,bridge=vmbr0,speed=9"));
        await sim.Post("/nodes/pve1/qemu/100/clone");
        await sim.Get("/nodes/pve1/qemu/999/status/current");
        await sim.Get("/nodes/pve2/qemu/100/config");
        await sim.Get("/nodes/pve1/qemu/100/foo");
        await sim.Delete("/version");
        await sim.Get("/nodes/pve1/apt/update");
        await sim.Cluster.HandleAsync(new SimulatedRequest("GET", "/nodes") { Body = "x=1", Headers = Sim.Auth(SimulatedCredentials.AdminAuthorizationHeader) }, CancellationToken.None);
        sim.Cluster.SetNodeOnline("pve3", false);
        await sim.Get("/nodes/pve3/status");
        await sim.Get("/cluster/resources");
        await sim.Get("/nodes");
        sim.Cluster.SetNodeOnline("pve3", true);
        await sim.Get("/nodes/pve9/status");
        return sim;
    }

    private static string Write(Sim sim, string name, Action<TextWriter> export)
    {
        Directory.CreateDirectory(Upload);
        var path = Path.Combine(Upload, name);
        using (var w = new StreamWriter(path))
        {
            export(w);
        }

        return path;
    }

    [Theory]
    [InlineData("pve-api-schema.json")]
    [InlineData("pve-api-schema-pve8.json")]
    public async Task RecordedCalls_PassCheckCalls_ExceptThoseTheSimulatorRejected(string schema)
    {
        using var sim = await DriveEverything();
        var entries = sim.Cluster.Requests.Entries;
        Assert.True(entries.Count > 200, $"only {entries.Count} requests");
        var calls = Write(sim, $"calls-{schema}.jsonl", w => sim.Cluster.Requests.WriteCallsJsonl(w));
        var (_, output) = Repo.Python(Path.Combine(Repo.ContractDir, "check_calls.py"), calls, "--schema", Path.Combine(Repo.ContractDir, schema), "--json", "--quiet");
        var results = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(entries.Count, results.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var ok = (bool)results[i]["ok"]!;
            if (ok == entries[i].RejectedBySchema)
            {
                mismatches.Add($"{entries[i]} rejected={entries[i].RejectedBySchema} checker={results[i]["problems"]?.ToJsonString()}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        Assert.Contains(entries, e => e.RejectedBySchema);
    }

    [Fact]
    public async Task RecordedResponses_PassCheckResponses_ApartFromDocumentedDeviations()
    {
        using var sim = await DriveEverything();
        var responses = Write(sim, "responses.jsonl", w => sim.Cluster.Requests.WriteResponsesJsonl(w));
        var (_, output) = Repo.Python(Path.Combine(Repo.ContractDir, "check_responses.py"), responses, "--quiet");
        var exported = sim.Cluster.Requests.Entries.Where(e => !e.Dropped).ToList();
        var failedLines = Regex.Matches(output, @"^FAIL line (\d+):", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var undocumented = failedLines.Where(n => !IsDocumentedResponseDeviation(exported[n - 1])).ToList();
        Assert.True(undocumented.Count == 0, output);
        Assert.Contains(failedLines, n => exported[n - 1].Path == "/cluster/nextid");
        Assert.Matches(new Regex(@"^\d+ passed, \d+ failed$", RegexOptions.Multiline), output);
        var statuses = sim.Cluster.Requests.Entries.Select(e => e.Status).ToHashSet();
        Assert.Superset(new HashSet<int> { 200, 400, 401, 403, 500, 501, 595 }, statuses);
    }

    [Fact]
    public async Task Contract_CoversEveryImplementedEndpoint()
    {
        using var sim = await DriveEverything();
        var schema = ProxmoxMcp.Simulator.Schema.ApiSchema.Instance;
        var hit = sim.Cluster.Requests.Entries.Where(e => e.Status == 200)
            .Select(e => (e.Method, schema.Match(e.Path)?.Template)).ToHashSet();
        var missing = schema.ImplementedEndpoints.Where(ep => !hit.Contains((ep.Method, ep.Path))).Select(ep => $"{ep.Method} {ep.Path}").ToList();
        Assert.True(missing.Count == 0, "no successful call for: " + string.Join(", ", missing));
    }
}
