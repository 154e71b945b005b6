using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Guests;

/// <summary>
/// Issue 16: a full listing of a 5,000-guest estate (bench/run.sh scale: 10 nodes) costs at most a quarter of the
/// original server's pretty JSON on the wire, while both renderings (text for clients that give the model the text,
/// structured content for those that give it the JSON) still carry every row and the structured content fits the
/// output schema. Bytes are deterministic: the simulator's estate is seeded.
/// </summary>
public class ListingBytesTests
{
    private const double Target = 0.25;

    [Theory]
    [InlineData("get_vms", "type=vm", "qemu")]
    [InlineData("get_containers", "type=vm", "lxc")]
    [InlineData("get_cluster_resources", "", null)]
    public async Task FullListing_OfA5000GuestEstate_CostsAtMostAQuarterOfTheOriginalsBytes(string tool, string query, string? type)
    {
        await using var server = await SimulatedServer.StartAsync(simulator: new SimulatorOptions { Estate = EstateSize.Large(10, 5_000), TaskDuration = TimeSpan.FromMilliseconds(100) });
        var original = await OriginalBytesAsync(server, query, type);

        long wire = 0;
        var rows = 0;
        int? offset = 0;
        while (offset is { } next)
        {
            var before = server.Wire.Lines.Count;
            var result = (await server.CallAsync(tool, new { offset = next, limit = 500 })).AssertSuccess();
            wire += server.Wire.Lines.Skip(before).Where(l => l.Line.Contains("\"result\"", StringComparison.Ordinal)).Sum(l => Encoding.UTF8.GetByteCount(l.Line));
            var structured = result.Structured();
            var returned = structured.GetProperty("rows").GetArrayLength();
            Assert.Equal(structured.GetProperty("page").GetProperty("returned").GetInt32(), returned);
            Assert.Equal(returned + 2, result.Text().Split('\n').Length); // summary, header, one line per row
            if (next == 0)
            {
                await server.MatchesOutputSchemaAsync(tool, result);
            }

            rows += returned;
            offset = structured.GetProperty("page").TryGetProperty("next_offset", out var n) ? n.GetInt32() : null;
        }

        Assert.Equal(original.Count, rows);
        var ratio = (double)wire / original.Bytes;
        Assert.True(ratio <= Target, $"{tool}: {wire} B on the wire for {rows} rows against the original's {original.Bytes} B = {ratio:0.000}x (target {Target}x)");
    }

    [Theory]
    [InlineData("get_vms")]
    [InlineData("get_cluster_resources")]
    public async Task DefaultCall_OnA5000GuestEstate_StaysUnder8KiBWithANextOffset(string tool)
    {
        await using var server = await SimulatedServer.StartAsync(simulator: new SimulatorOptions { Estate = EstateSize.Large(10, 5_000), TaskDuration = TimeSpan.FromMilliseconds(100) });

        var before = server.Wire.Lines.Count;
        var result = (await server.CallAsync(tool)).AssertSuccess();

        var bytes = server.Wire.Lines.Skip(before).Where(l => l.Line.Contains("\"result\"", StringComparison.Ordinal)).Sum(l => Encoding.UTF8.GetByteCount(l.Line));
        Assert.True(bytes < 8 * 1024, $"{bytes} B");
        Assert.Equal(20, result.Structured().GetProperty("page").GetProperty("next_offset").GetInt32());
        await server.MatchesOutputSchemaAsync(tool, result);
    }

    /// <summary>The original server's reply: the data of GET /cluster/resources as JSON.stringify(data, null, 2).</summary>
    private static async Task<(long Bytes, int Count)> OriginalBytesAsync(SimulatedServer server, string query, string? type)
    {
        using var http = new HttpClient(server.Cluster.CreateHandler()) { BaseAddress = new Uri("https://pve.invalid:8006/api2/json/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SimulatedCredentials.AdminAuthorizationHeader);
        using var document = JsonDocument.Parse(await http.GetStringAsync("cluster/resources?" + query, TestContext.Current.CancellationToken));
        var items = document.RootElement.GetProperty("data").EnumerateArray().Where(r => type is null || r.GetProperty("type").GetString() == type).ToList();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        return (buffer.Length, items.Count);
    }
}
