using System.Text.Json;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// A small JSON Schema checker for what tools publish: the schema's own structure (keywords, types, required names,
/// array items, defaults and enums of the declared type), and an instance validator for structured content (type,
/// required, properties, items, enum) - the subset the official TypeScript client enforces with ajv.
/// </summary>
public static class JsonSchemaCheck
{
    private static readonly HashSet<string> Types = ["object", "array", "string", "integer", "number", "boolean", "null"];

    private static readonly HashSet<string> Keywords =
    [
        "$schema", "type", "properties", "required", "items", "enum", "const", "default", "description", "title", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "format", "additionalProperties", "minItems",
        "maxItems", "uniqueItems", "anyOf", "oneOf", "allOf",
    ];

    /// <summary>Problems with the schema itself; empty when it is a well-formed schema.</summary>
    public static List<string> SchemaProblems(JsonElement schema, string path = "$")
    {
        var problems = new List<string>();
        Check(schema, path, problems);
        return problems;
    }

    /// <summary>Where an instance breaks the schema; empty when it validates.</summary>
    public static List<string> InstanceProblems(JsonElement schema, JsonElement instance, string path = "$")
    {
        var problems = new List<string>();
        Validate(schema, instance, path, problems);
        return problems;
    }

    public static IReadOnlyList<string> TypesOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
        : [type.GetString()!];

    private static void Check(JsonElement schema, string path, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: a schema must be an object");
            return;
        }

        foreach (var property in schema.EnumerateObject().Where(p => !Keywords.Contains(p.Name)))
        {
            problems.Add($"{path}: unknown keyword '{property.Name}'");
        }

        var types = TypesOf(schema);
        // {} is "any JSON value" (call_api's data); anything else must say its type.
        if (types.Count == 0 && schema.EnumerateObject().Any() && !schema.TryGetProperty("anyOf", out _) && !schema.TryGetProperty("oneOf", out _) && !schema.TryGetProperty("enum", out _))
        {
            problems.Add($"{path}: no type");
        }

        problems.AddRange(types.Where(t => !Types.Contains(t)).Select(t => $"{path}: '{t}' is not a JSON Schema type"));
        if (schema.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path}.properties: must be an object");
            }
            else
            {
                foreach (var property in properties.EnumerateObject())
                {
                    Check(property.Value, $"{path}.{property.Name}", problems);
                }
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()))
            {
                if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name!, out _))
                {
                    problems.Add($"{path}: required '{name}' is not a property");
                }
            }
        }

        if (types.Contains("array"))
        {
            if (!schema.TryGetProperty("items", out var items))
            {
                problems.Add($"{path}: an array without items");
            }
            else
            {
                Check(items, $"{path}[]", problems);
            }
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var alternatives))
            {
                var i = 0;
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    Check(alternative, $"{path}.{keyword}[{i++}]", problems);
                }
            }
        }

        if (schema.TryGetProperty("default", out var defaultValue) && types.Count > 0 && !types.Any(t => Matches(t, defaultValue)))
        {
            problems.Add($"{path}: default {defaultValue.GetRawText()} is not of type {string.Join("|", types)}");
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                problems.Add($"{path}: enum must be a non-empty array");
            }
            else if (types.Count > 0)
            {
                problems.AddRange(values.EnumerateArray().Where(v => !types.Any(t => Matches(t, v))).Select(v => $"{path}: enum value {v.GetRawText()} is not of type {string.Join("|", types)}"));
            }
        }
    }

    private static void Validate(JsonElement schema, JsonElement instance, string path, List<string> problems)
    {
        var types = TypesOf(schema);
        if (types.Count > 0 && !types.Any(t => Matches(t, instance)))
        {
            problems.Add($"{path}: {instance.ValueKind} where the schema says {string.Join("|", types)}");
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
        {
            problems.Add($"{path}: {instance.GetRawText()} is not in the enum");
        }

        if (instance.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !instance.TryGetProperty(r, out _)).Select(r => $"{path}: required property '{r}' is missing"));
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in instance.EnumerateObject())
                {
                    if (properties.TryGetProperty(property.Name, out var propertySchema))
                    {
                        Validate(propertySchema, property.Value, $"{path}.{property.Name}", problems);
                    }
                    else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
                    {
                        problems.Add($"{path}: property '{property.Name}' is not allowed");
                    }
                }
            }
        }

        if (instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(items, item, $"{path}[{i++}]", problems);
            }
        }
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
