using System.Text.Json;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.DryRun;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// The server lists tools from tools.json (built into the binary) instead of generating schemas at every start;
/// these tests fail as soon as that file no longer matches what the tool methods generate.
/// </summary>
public class PrecomputedCatalogTests
{
    private static string CatalogPath => RepoPaths.Combine("server", "ProxmoxMcp.Server", "Tools", "tools.json");

    [Fact]
    public void CommittedCatalog_MatchesWhatTheToolMethodsGenerate()
    {
        var generated = ToolCatalog.Serialize(ToolCatalog.Build());
        if (Environment.GetEnvironmentVariable(Regenerate.Variable) == "1")
        {
            File.WriteAllText(CatalogPath, generated);
        }

        var committed = File.ReadAllText(CatalogPath).ReplaceLineEndings("\n");
        Assert.True(
            committed == generated.ReplaceLineEndings("\n"),
            $"{CatalogPath} is stale: {Regenerate.Hint}");
    }

    [Fact]
    public void EmbeddedCatalog_IsTheGeneratedOne()
    {
        Assert.True(ToolCatalog.Serialize(ToolCatalog.Build()) == ToolCatalog.Serialize(ToolCatalog.All), $"The catalog built into the server is stale: {Regenerate.Hint}");
    }

    [Fact]
    public void CatalogEntry_WhenTheEntryHasAPropertyItDoesNotRead_Throws()
    {
        using var entry = JsonDocument.Parse("""{"name":"get_x","inputSchema":{"type":"object"},"icons":[]}""");

        var error = Assert.Throws<InvalidOperationException>(() => CatalogEntry.Read(entry.RootElement));

        Assert.Contains("'icons' of tool 'get_x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryListedTool_BindsItsMethodToItsCatalogSchema()
    {
        Assert.All(ToolCatalog.All, t => Assert.NotEmpty(t.Tool.Metadata));
    }

    [Fact]
    public void EveryListedTool_BindsEveryArgumentOfItsCatalogSchema()
    {
        Assert.All(ToolCatalog.All, t =>
        {
            var properties = t.Tool.ProtocolTool.InputSchema.GetProperty("properties").EnumerateObject()
                .Where(p => p.Name != DryRunFilter.Argument)
                .ToDictionary(p => p.Name, p => Sample(p.Value), StringComparer.Ordinal);

            var bound = ((PrecomputedTool)t.Tool).Method.BindArguments(properties);

            Assert.Equal(properties.Keys.Order(StringComparer.Ordinal), bound.Keys.Order(StringComparer.Ordinal));
            Assert.All(bound, b => Assert.True(b.Value is not null, $"{t.Name}: '{b.Key}' bound to null"));
        });
    }

    [Fact]
    public void BindArguments_WhenOptionalArgumentsAreOmitted_GivesTheMethodsDefaults()
    {
        var bound = Tool("call_api_write").Method.BindArguments(Arguments("""{"method":"POST","path":"/x"}"""));

        Assert.Equal(true, bound["wait"]);
        Assert.Null(bound["confirm"]);
        Assert.Null(bound["params"]);
        Assert.Equal("POST", bound["method"]);
    }

    [Fact]
    public void BindArguments_WhenANumberComesAsAString_ReadsTheNumber()
    {
        var bound = Tool("find_api").Method.BindArguments(Arguments("""{"query":"ha","limit":"5"}"""));

        Assert.Equal(5, bound["limit"]);
    }

    [Fact]
    public void BindArguments_WhenAnArgumentHasTheWrongType_Throws()
    {
        var method = Tool("find_api").Method;

        Assert.Throws<JsonException>(() => method.BindArguments(Arguments("""{"query":"ha","limit":[1]}""")));
    }

    [Fact]
    public void BindArguments_WhenARequiredArgumentIsMissing_ThrowsNamingIt()
    {
        var method = Tool("find_api").Method;

        var error = Assert.Throws<ArgumentException>(() => method.BindArguments(Arguments("{}")));

        Assert.Contains("'query'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_WhenTheSchemaDoesNotListAnArgumentOfTheMethod_ThrowsNamingIt()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""");
        var stale = new Tool { Name = "find_api", InputSchema = schema.RootElement };

        var error = Assert.Throws<InvalidOperationException>(() => Toolsets.All.Single(s => s.Name == "api").Bind(stale));

        Assert.Contains("'limit'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_WhenTheSchemaRequiresAnOptionalArgument_Throws()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"}},"required":["query","limit"]}""");
        var stale = new Tool { Name = "find_api", InputSchema = schema.RootElement };

        var error = Assert.Throws<InvalidOperationException>(() => Toolsets.All.Single(s => s.Name == "api").Bind(stale));

        Assert.Contains("'limit' of FindApi is not required", error.Message, StringComparison.Ordinal);
    }

    private static PrecomputedTool Tool(string name) => (PrecomputedTool)ToolCatalog.All.Single(t => t.Name == name).Tool;

    private static Dictionary<string, JsonElement> Arguments(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    /// <summary>A value of the type a catalog schema asks for, as a client would send it.</summary>
    private static JsonElement Sample(JsonElement schema)
    {
        var json = schema.TryGetProperty("enum", out var values) ? values[0].GetRawText()
            : schema.GetProperty("type").GetString() switch
            {
                "string" => "\"1\"",
                "integer" => "1",
                "number" => "1.5",
                "boolean" => "true",
                "object" => "{}",
                "array" => "[" + Sample(schema.GetProperty("items")).GetRawText() + "]",
                var other => throw new InvalidOperationException($"no sample for type {other}"),
            };
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
