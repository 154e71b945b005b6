using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The published Linux server lays out its managed methods in the order of Hosting/Native/method-order.txt
/// (IlcOrderFile; docs/PERFORMANCE-memory.md, third pass): a session then maps about 3 MiB of code instead of 10.
/// A file gone stale (methods renamed or removed) still builds, but the process maps code again; these tests say when
/// to run bench/probes/method-order/regenerate.sh.
/// </summary>
public sealed class MethodOrderTests
{
    /// <summary>Below this share of names found in the binary, the file is stale enough to cost memory again.</summary>
    private const double MinimumFoundShare = 0.95;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string[] OrderedNames() =>
        File.ReadAllLines(RepoPaths.Combine("server", "ProxmoxMcp.Server", "Hosting", "Native", "method-order.txt"))
            .Where(line => line.Length > 0)
            .ToArray();

    /// <summary>The address of every function symbol of the published server (its .dbg file), by name.</summary>
    private static async Task<Dictionary<string, ulong>> FunctionAddressesAsync()
    {
        var server = await PublishedBinaries.ServerAsync(Token);
        var nm = await ProcessRunner.RunAsync("nm", ["--defined-only", server + ".dbg"], TimeSpan.FromMinutes(2), cancellationToken: Token);
        Assert.True(nm.ExitCode == 0, nm.ToString());
        var addresses = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in nm.StandardOutput.Split('\n'))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length == 3 && parts[1] is "t" or "T")
            {
                addresses.TryAdd(parts[2], Convert.ToUInt64(parts[0], 16));
            }
        }

        return addresses;
    }

    [Fact]
    public async Task OrderFile_NamesFunctionsOfThePublishedServer()
    {
        var names = OrderedNames();
        var addresses = await FunctionAddressesAsync();
        var missing = names.Where(n => !addresses.ContainsKey(n)).ToList();

        Assert.True(names.Length > 1000, $"method-order.txt names only {names.Length} methods");
        Assert.True(
            missing.Count <= names.Length * (1 - MinimumFoundShare),
            $"{missing.Count} of {names.Length} names in method-order.txt are not in the binary (run bench/probes/method-order/regenerate.sh), e.g. {string.Join(", ", missing.Take(3))}");
    }

    [Fact]
    public async Task PublishedServer_LaysOutTheListedMethodsInTheFilesOrder()
    {
        var addresses = await FunctionAddressesAsync();
        var placed = OrderedNames().Where(addresses.ContainsKey).Select(n => (Name: n, Address: addresses[n])).ToList();

        var outOfOrder = placed.Zip(placed.Skip(1)).Where(pair => pair.Second.Address < pair.First.Address).ToList();

        Assert.True(outOfOrder.Count == 0, $"{outOfOrder.Count} listed methods placed before their predecessor (IlcOrderFile not applied?), e.g. {outOfOrder.Select(p => p.Second.Name).FirstOrDefault()}");
    }
}
