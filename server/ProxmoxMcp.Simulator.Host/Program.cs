using System.Globalization;
using System.Net;
using ProxmoxMcp.Simulator;
using ProxmoxMcp.Simulator.Host;

// pve-sim: wiring only. Usage:
//   pve-sim [--port 8006] [--bind 127.0.0.1] [--nodes 3] [--guests 0] [--task-seconds 1.5] [--seed 42] [--cert-out sim.pem]
// --nodes/--guests other than the defaults generate a large estate (EstateSize.Large).
var opts = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "-h" or "--help")
    {
        Console.WriteLine("usage: pve-sim [--port 8006] [--bind 127.0.0.1] [--nodes N] [--guests N] [--task-seconds S] [--seed N] [--cert-out FILE]");
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
    Estate = opts.ContainsKey("nodes") || opts.ContainsKey("guests") ? EstateSize.Large(nodes, guests) : EstateSize.Demo,
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
