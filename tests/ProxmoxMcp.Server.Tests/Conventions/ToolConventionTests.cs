using System.Text.Json;
using System.Text.RegularExpressions;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>The rules of docs/CONTRIBUTING.md, checked over every tool in the catalog (including tools added later).</summary>
public partial class ToolConventionTests
{
    /// <summary>The verbs tool names start with; a new verb is fine, add it here on purpose.</summary>
    private static readonly HashSet<string> Verbs =
    [
        "get", "create", "update", "delete", "start", "stop", "shutdown", "reboot", "reset", "suspend", "resume", "clone", "migrate",
        "convert", "resize", "rollback", "restore", "wait", "move", "set", "run", "exec", "list", "find", "describe", "call", "read", "provision", "audit",
    ];

    private static readonly string[] ReturnWords = ["return", "list", "show", "report", "summari", "wait"];

    public static TheoryData<string> ToolNames() => [.. ToolCatalog.All.Select(t => t.Name)];

    private static ToolDefinition Tool(string name) => ToolCatalog.All.Single(t => t.Name == name);

    [Fact]
    public void ToolNames_AreUnique()
    {
        var duplicates = ToolCatalog.All.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void ToolGroups_AreKnownGroups()
    {
        var unknown = ToolCatalog.All.Where(t => !ToolGroups.All.Contains(t.Group)).Select(t => $"{t.Name}: {t.Group}").ToList();

        Assert.Empty(unknown);
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void ToolName_IsSnakeCaseVerbNoun(string name)
    {
        Assert.Matches(SnakeCase(), name);
        var verb = name.Split('_')[0];
        Assert.True(Verbs.Contains(verb), $"{name}: '{verb}' is not a known verb (add it to {nameof(Verbs)} if it is one).");
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void Tool_HasTitleAndDescriptionThatSaysWhatItReturnsOrWhenToUseAnother(string name)
    {
        var tool = Tool(name).Tool.ProtocolTool;
        Assert.False(string.IsNullOrWhiteSpace(tool.Title), $"{name} has no title");
        Assert.False(string.IsNullOrWhiteSpace(tool.Description), $"{name} has no description");
        var mentionsOther = ToolCatalog.All.Any(t => t.Name != name && Regex.IsMatch(tool.Description!, $@"\b{t.Name}\b"));
        var saysReturns = ReturnWords.Any(w => tool.Description!.Contains(w, StringComparison.OrdinalIgnoreCase));
        Assert.True(mentionsOther || saysReturns, $"{name}: the description neither says what it returns nor names another tool: {tool.Description}");
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void Tool_SetsAllFourAnnotationsExplicitly_AndIsNotOpenWorld(string name)
    {
        var annotations = Tool(name).Tool.ProtocolTool.Annotations;

        Assert.NotNull(annotations);
        Assert.NotNull(annotations.ReadOnlyHint);
        Assert.NotNull(annotations.DestructiveHint);
        Assert.NotNull(annotations.IdempotentHint);
        Assert.False(annotations.OpenWorldHint ?? true, $"{name}: OpenWorld must be set to false");
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void ReadOnlyTool_IsNotDestructive(string name)
    {
        var annotations = Tool(name).Tool.ProtocolTool.Annotations!;

        Assert.False(annotations.ReadOnlyHint == true && annotations.DestructiveHint == true, $"{name} is marked read-only and destructive");
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void DestructiveTool_TakesAnOptionalConfirmString(string name)
    {
        var tool = Tool(name).Tool.ProtocolTool;
        if (tool.Annotations?.DestructiveHint != true)
        {
            Assert.False(tool.InputSchema.GetProperty("properties").TryGetProperty("confirm", out _), $"{name} takes confirm but is not marked destructive");
            return;
        }

        Assert.True(tool.InputSchema.GetProperty("properties").TryGetProperty("confirm", out var confirm), $"{name} is destructive but takes no confirm argument");
        Assert.Contains("string", JsonSchemaCheck.TypesOf(confirm));
        var required = tool.InputSchema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToList() : [];
        Assert.DoesNotContain("confirm", required);
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void InputSchema_IsAWellFormedObjectSchema(string name)
    {
        var schema = Tool(name).Tool.ProtocolTool.InputSchema;

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, schema.GetProperty("properties").ValueKind);
        Assert.Empty(JsonSchemaCheck.SchemaProblems(schema));
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            Assert.True(JsonSchemaCheck.TypesOf(property.Value).Count > 0, $"{name}.{property.Name} has no type");
            // Described only where the name and type do not say it all (conventions shared by every tool are in the server's
            // instructions), and then briefly: the model reads every tools/list byte on every turn.
            if (property.Value.TryGetProperty("description", out var d))
            {
                Assert.True(d.GetString()!.Length is > 0 and <= MaxParameterDescription, $"{name}.{property.Name}: description of {d.GetString()!.Length} characters (1-{MaxParameterDescription}): {d.GetString()}");
            }

            if (!OriginalArgumentNames.Contains(property.Name))
            {
                Assert.Matches(SnakeCaseArgument(), property.Name);
            }
        }
    }

    private const int MaxParameterDescription = 80;

    /// <summary>Argument names the original server used, kept so existing prompts and habits keep working.</summary>
    private static readonly HashSet<string> OriginalArgumentNames = new(StringComparer.Ordinal) { "diskSize" };

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void OutputSchema_IsAWellFormedObjectSchema(string name)
    {
        var schema = Tool(name).Tool.ProtocolTool.OutputSchema;

        Assert.True(schema is not null, $"{name} has no output schema (set UseStructuredContent and OutputSchemaType)");
        Assert.Equal("object", schema.Value.GetProperty("type").GetString());
        Assert.Empty(JsonSchemaCheck.SchemaProblems(schema.Value));
    }

    /// <summary>
    /// Structured content is written without null properties, so a property the schema requires must never be null:
    /// the official TypeScript client rejects a result whose required property is missing.
    /// </summary>
    [Theory]
    [MemberData(nameof(ToolNames))]
    public void OutputSchema_RequiresNoNullableProperty(string name)
    {
        var schema = Tool(name).Tool.ProtocolTool.OutputSchema!.Value;

        Assert.Empty(NullableRequired(schema, name));
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void PveEndpoints_AreRoutesOfTheProxmoxApi(string name)
    {
        var routes = Tool(name).Tool.Metadata.OfType<PveEndpointAttribute>().Select(e => e.Route).ToList();

        var unknown = routes.Where(r => !PveSchemaRoutes.Exists(r)).ToList();

        Assert.True(unknown.Count == 0, $"{name} declares endpoints that tests/contract/pve-api/pve-api-schema.json does not have: {string.Join("; ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void ToolOfStorageSnapshotBackupTaskOrPoolGroup_DeclaresItsPveEndpoints(string name)
    {
        var tool = Tool(name);
        if (tool.Group is not (ToolGroups.Storage or ToolGroups.Snapshots or ToolGroups.Backups or ToolGroups.Tasks or ToolGroups.Pools))
        {
            return;
        }

        Assert.NotEmpty(tool.Tool.Metadata.OfType<PveEndpointAttribute>());
    }

    private static IEnumerable<string> NullableRequired(JsonElement schema, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (schema.TryGetProperty("properties", out var properties) && schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (properties.TryGetProperty(name, out var property) && JsonSchemaCheck.TypesOf(property).Contains("null"))
                {
                    yield return $"{path}.{name}";
                }
            }
        }

        foreach (var child in ChildSchemas(schema))
        {
            foreach (var problem in NullableRequired(child.Schema, path + child.Path))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<(string Path, JsonElement Schema)> ChildSchemas(JsonElement schema)
    {
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                yield return ($".{property.Name}", property.Value);
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            yield return ("[]", items);
        }
    }

    [GeneratedRegex("^[a-z]+(_[a-z0-9]+)+$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCaseArgument();
}
