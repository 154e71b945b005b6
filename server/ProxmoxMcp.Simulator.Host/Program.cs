using System.Globalization;
using System.Net;
using ProxmoxMcp.Simulator;
using ProxmoxMcp.Simulator.Host;

// pve-sim: wiring only. Usage:
//   pve-sim [--port 8006] [--bind 127.0.0.1] [--nodes 3] [--guests 0] [--estate demo|lab] [--lab-port N] [--task-seconds 1.5] [--seed 42] [--cert-out sim.pem]
// --nodes/--guests other than the defaults generate a large estate (EstateSize.Large). --lab-port also serves the
// independent lab cluster (nodes lab1, lab2) on a second listener: two clusters for several-cluster setups.
var opts = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "-h" or "--help")
    {
        Console.WriteLine("usage: pve-sim [--port 8006] [--bind 127.0.0.1] [--nodes N] [--guests N] [--estate demo|lab] [--lab-port N] [--task-seconds S] [--seed N] [--cert-out FILE]");
        return 0;
    }

    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"pve-sim: unexpected argument '{args[i]}' (see --help)");
        return 2;
    }

    opts[args[i][2..]] = args[++i];
}

string Opt(string name, string fallback) => opts.TryGetValue(name, out var v) ? v : fallback;

var nodes = int.Parse(Opt("nodes", "3"), CultureInfo.InvariantCulture);
var guests = int.Parse(Opt("guests", "0"), CultureInfo.InvariantCulture);
var options = new SimulatorOptions
{
    Seed = int.Parse(Opt("seed", "42"), CultureInfo.InvariantCulture),
    Estate = opts.ContainsKey("nodes") || opts.ContainsKey("guests") ? EstateSize.Large(nodes, guests) : Opt("estate", "demo") == "lab" ? EstateSize.Lab : EstateSize.Demo,
    ClusterName = Opt("estate", "demo") == "lab" ? "lab" : "demo",
    TaskDuration = TimeSpan.FromSeconds(double.Parse(Opt("task-seconds", "1.5"), CultureInfo.InvariantCulture)),
};

using var cluster = new SimulatedCluster(options);
await using var server = await SimulatorHttpsServer.StartAsync(
    cluster,
    IPAddress.Parse(Opt("bind", "127.0.0.1")),
    int.Parse(Opt("port", "8006"), CultureInfo.InvariantCulture),
    opts.GetValueOrDefault("cert-out"));

Console.WriteLine($"pve-sim: simulated Proxmox VE {options.Estate} listening on {server.ApiUrl}");
Console.WriteLine($"fingerprint (SHA-256): {server.Fingerprint}");
using var labCluster = opts.ContainsKey("lab-port") ? new SimulatedCluster(options with { Estate = EstateSize.Lab, ClusterName = "lab" }) : null;
await using var labServer = labCluster is null ? null : await SimulatorHttpsServer.StartAsync(
    labCluster, IPAddress.Parse(Opt("bind", "127.0.0.1")), int.Parse(Opt("lab-port", "8007"), CultureInfo.InvariantCulture));
if (labServer is not null)
{
    Console.WriteLine($"pve-sim: simulated Proxmox VE Lab (cluster 'lab') listening on {labServer.ApiUrl}");
    Console.WriteLine($"lab fingerprint (SHA-256): {labServer.Fingerprint}");
}

if (opts.GetValueOrDefault("cert-out") is { } pem)
{
    Console.WriteLine($"certificate written to {pem}");
}

Console.WriteLine($"API token:  {SimulatedCredentials.AdminTokenId}={SimulatedCredentials.AdminTokenSecret}");
Console.WriteLine($"  header:   Authorization: {SimulatedCredentials.AdminAuthorizationHeader}");
Console.WriteLine($"read-only:  {SimulatedCredentials.AuditorTokenId}={SimulatedCredentials.AuditorTokenSecret}");
Console.WriteLine($"password:   {SimulatedCredentials.AdminUser} / {SimulatedCredentials.AdminPassword}");
Console.WriteLine("Ctrl+C to stop.");
await server.WaitForShutdownAsync();
return 0;
