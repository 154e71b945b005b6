using System.Globalization;
using System.Text.Json;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Checks tool arguments against the tool's input schema before the SDK binds them, so a missing argument, an
/// unknown one or a wrong type is reported by name with what is allowed (the SDK's binder would only say
/// "An error occurred"). Numbers sent as strings ("100") are accepted, as models often send them.
/// </summary>
public static class ArgumentValidator
{
    /// <summary>
    /// A number or boolean given where the schema wants a string (e.g. <c>confirm: 100</c>) becomes that text, as
    /// the model meant; everything else is left for <see cref="Validate"/>.
    /// </summary>
    public static void CoerceToStrings(JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || !inputSchema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var (name, value) in arguments.ToList())
        {
            if (value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                && properties.TryGetProperty(name, out var schema) && Types(schema) is var types && types.Contains("string") && !types.Any(t => Matches(t, value)))
            {
                arguments[name] = JsonSerializer.SerializeToElement(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind == JsonValueKind.True ? "true" : "false", ToolJsonContext.Default.String);
            }
        }
    }

    public static IReadOnlyList<string> Validate(JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        var problems = new List<string>();
        arguments ??= new Dictionary<string, JsonElement>();
        var properties = inputSchema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var known = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(x => x.Name).ToList() : [];

        if (inputSchema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    problems.Add($"'{name}' is required: {Describe(properties.GetProperty(name))}.");
                }
            }
        }

        foreach (var (name, value) in arguments)
        {
            if (!known.Contains(name))
            {
                problems.Add($"'{name}' is not an argument of this tool (arguments: {string.Join(", ", known)}).");
                continue;
            }

            if (value.ValueKind != JsonValueKind.Null && CheckValue(properties.GetProperty(name), value) is { } problem)
            {
                problems.Add($"'{name}' {problem}.");
            }
        }

        return problems;
    }

    private static string? CheckValue(JsonElement schema, JsonElement value)
    {
        var types = Types(schema);
        if (types.Count > 0 && !types.Any(t => Matches(t, value)))
        {
            return $"must be {string.Join(" or ", types.Where(t => t != "null").Select(Article))}, not {Article(KindOf(value))}";
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (CheckValue(items, item) is { } itemProblem)
                {
                    return $"item {index} {itemProblem}";
                }

                index++;
            }
        }

        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && value.ValueKind == JsonValueKind.String && a.GetString() == value.GetString()))
        {
            return $"must be one of: {string.Join(", ", allowed.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()))}";
        }

        if (Number(value) is { } n)
        {
            if (schema.TryGetProperty("minimum", out var min) && min.TryGetDouble(out var lo) && n < lo)
            {
                return $"must be at least {lo.ToString(CultureInfo.InvariantCulture)}";
            }

            if (schema.TryGetProperty("maximum", out var max) && max.TryGetDouble(out var hi) && n > hi)
            {
                return $"must be at most {hi.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("maxLength", out var maxLength) && maxLength.TryGetInt32(out var longest) && value.GetString()!.Length > longest)
        {
            return $"is too long (at most {longest} characters)";
        }

        return null;
    }

    private static List<string> Types(JsonElement schema) => schema.TryGetProperty("type", out var type)
        ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!]
        : [];

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => Number(value) is { } n && Math.Abs(n % 1) < double.Epsilon && n is >= int.MinValue and <= int.MaxValue,
        "number" => Number(value) is not null,
        "string" => value.ValueKind == JsonValueKind.String,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "array" => "an array",
        "object" => "an object",
        _ => "a " + type,
    };

    private static string Describe(JsonElement schema)
    {
        var types = Types(schema).Where(t => t != "null").Select(Article);
        var description = schema.TryGetProperty("description", out var d) ? " - " + d.GetString()?.TrimEnd('.') : "";
        return string.Join(" or ", types) + description;
    }
}
