using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Http;

namespace ProxmoxMcp.Server.Tools.Api;

/// <summary>
/// A request to any endpoint of the schema, checked against it the way Proxmox VE's own parameter verification
/// does (types, enums, patterns, ranges, lengths, required, unknown names) before anything is sent. The path is
/// built only from validated segments, so nothing a caller writes can change which resource it names.
/// </summary>
public sealed record ApiRequest(ApiEndpoint Endpoint, HttpMethod Method, PvePath Path, PveParameters Parameters, string ReadablePath)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];

    /// <summary>"DELETE /nodes/pve1/storage/local/content/local:iso/x.iso": what the user reads and confirm repeats (unescaped).</summary>
    public string Display => $"{Method.Method} {ReadablePath}";

    public static ApiRequest Build(string method, string path, IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        var verb = (method ?? "").Trim().ToUpperInvariant();
        if (!Methods.Contains(verb))
        {
            throw new McpException($"method '{method}' is not one of GET, POST, PUT, DELETE.");
        }

        var segments = Segments(path);
        var (endpoint, values) = Match(verb, segments, path);
        var form = new PveParameters();
        foreach (var (parameter, value) in values)
        {
            Check(parameter, parameter.Name, value);
        }

        var given = parameters ?? new Dictionary<string, JsonElement>();
        foreach (var (name, value) in given.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var parameter = Find(endpoint, name);
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            foreach (var text in Texts(parameter, name, value))
            {
                form.Add(name, Check(parameter, name, text));
            }
        }

        var missing = endpoint.Params.Where(p => p.Required && !p.InPath && !p.IsNumbered && !given.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
        {
            throw new McpException($"{endpoint.Route} requires {string.Join(", ", missing)}: describe_api shows what each takes.");
        }

        var built = PvePath.FromSegments(endpoint.Segments.Select(t => IsPlaceholder(t) ? Segment(t[1..^1], values.First(v => v.Parameter.Name == t[1..^1]).Value) : ApiPathSegment.Parse(t)));
        return new ApiRequest(endpoint, new HttpMethod(verb), built, form, "/" + string.Join('/', segments));
    }

    /// <summary>A placeholder's value as a validated segment: a volume id (local:iso/x.iso) may hold '/', which travels escaped.</summary>
    private static IPathSegment Segment(string name, string value) =>
        name == "volume" ? VolumeId.Parse(value, name) : ApiPathSegment.Parse(value, name);

    /// <summary>The endpoint a concrete or template path names, for describe_api.</summary>
    public static ApiEndpoint Describe(string method, string path)
    {
        var verb = (method ?? "").Trim().ToUpperInvariant();
        var trimmed = Normalize(path);
        var exact = ApiCatalog.All.FirstOrDefault(e => e.Method == verb && e.Path == trimmed);
        return exact ?? Match(verb, Segments(path), path).Endpoint;
    }

    /// <summary>The endpoint a request built elsewhere (a typed client method) goes to, by its decoded path; null when none fits.</summary>
    public static ApiEndpoint? EndpointOf(string method, string decodedPath)
    {
        var segments = (decodedPath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        return ApiCatalog.All
            .Where(e => e.Method == method)
            .Select(e => (Endpoint: e, Score: Score(e.Segments, segments)))
            .Where(c => c.Score >= 0)
            .OrderByDescending(c => c.Score)
            .Select(c => c.Endpoint)
            .FirstOrDefault();
    }

    private static string Normalize(string path)
    {
        var p = (path ?? "").Trim();
        if (p.StartsWith("/api2/json/", StringComparison.Ordinal))
        {
            p = p["/api2/json".Length..];
        }

        return p.Length > 1 ? p.TrimEnd('/') : p;
    }

    private static List<string> Segments(string path)
    {
        var p = Normalize(path);
        if (!p.StartsWith('/'))
        {
            throw new McpException($"path '{path}' must start with '/', e.g. /cluster/status (find_api finds paths).");
        }

        if (p.Any(c => c is '?' or '#' or '%' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new McpException($"path '{path}' may not contain '?', '#', '%', '\\', spaces or control characters: give parameters in params, unencoded.");
        }

        var segments = p.Split('/').Skip(1).ToList();
        if (segments.Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new McpException($"path '{path}' has an empty, '.' or '..' segment.");
        }

        return segments;
    }

    private static (ApiEndpoint Endpoint, List<(ApiParameter Parameter, string Value)> Values) Match(string verb, List<string> segments, string path)
    {
        var candidates = ApiCatalog.All
            .Select(e => (Endpoint: e, Score: Score(e.Segments, segments)))
            .Where(c => c.Score >= 0)
            .OrderByDescending(c => c.Score)
            .ToList();
        var forMethod = candidates.Where(c => c.Endpoint.Method == verb).ToList();
        if (forMethod.Count == 0)
        {
            var others = candidates.Select(c => c.Endpoint.Method).Distinct().ToList();
            throw new McpException(others.Count > 0
                ? $"{verb} is not available on {path}: it takes {string.Join(", ", others)}."
                : $"No Proxmox VE API endpoint matches {path}: find_api finds endpoints by keywords.");
        }

        var endpoint = forMethod[0].Endpoint;
        var values = new List<(ApiParameter, string)>();
        for (var i = 0; i < endpoint.Segments.Count; i++)
        {
            if (IsPlaceholder(endpoint.Segments[i]))
            {
                var name = endpoint.Segments[i][1..^1];
                var parameter = endpoint.Params.FirstOrDefault(p => p.Name == name) ?? new ApiParameter(name, "string", Required: true, InPath: true);
                // A volume id (local:iso/x.iso) may hold '/': the last placeholder takes the rest of the path.
                var value = i == endpoint.Segments.Count - 1 && segments.Count > endpoint.Segments.Count ? string.Join('/', segments[i..]) : segments[i];
                values.Add((parameter, value));
            }
        }

        return (endpoint, values);
    }

    /// <summary>-1 when the template does not fit; otherwise the number of literal segments that match (more is better).</summary>
    private static int Score(IReadOnlyList<string> template, List<string> segments)
    {
        var absorbs = template.Count > 0 && template[^1] == "{volume}" && segments.Count > template.Count;
        if (template.Count != segments.Count && !absorbs)
        {
            return -1;
        }

        var score = 0;
        for (var i = 0; i < template.Count; i++)
        {
            if (IsPlaceholder(template[i]))
            {
                continue;
            }

            if (!string.Equals(template[i], segments[i], StringComparison.Ordinal))
            {
                return -1;
            }

            score++;
        }

        return score;
    }

    private static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    private static ApiParameter Find(ApiEndpoint endpoint, string name)
    {
        var parameter = endpoint.Params.FirstOrDefault(p => !p.IsNumbered && p.Name == name)
            ?? endpoint.Params.FirstOrDefault(p => p.IsNumbered && IsNumberedName(p, name));
        if (parameter is null)
        {
            var names = endpoint.Params.Where(p => !p.InPath).Select(p => p.Name).ToList();
            throw new McpException($"{endpoint.Route} has no parameter '{name}'" +
                (names.Count == 0 ? " (it takes none)." : $"; it takes: {string.Join(", ", names.Take(40))}{(names.Count > 40 ? ", ..." : "")}."));
        }

        return parameter.InPath
            ? throw new McpException($"{name} is part of the path of {endpoint.Route}: put it in the path, not in params.")
            : parameter;
    }

    private static bool IsNumberedName(ApiParameter parameter, string name) =>
        name.StartsWith(parameter.Stem, StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(parameter.Stem.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && name.Length - parameter.Stem.Length <= 4
        && (parameter.NMax is null || n <= parameter.NMax);

    private static List<string> Texts(ApiParameter parameter, string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array when parameter.Type == "array" => value.EnumerateArray().Select(v => Scalar(parameter, name, v)).ToList(),
        JsonValueKind.Array or JsonValueKind.Object => throw new McpException($"{name} takes a {parameter.Type}, not a JSON {value.ValueKind.ToString().ToLowerInvariant()}."),
        _ => [Scalar(parameter, name, value)],
    };

    private static string Scalar(ApiParameter parameter, string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => throw new McpException($"{name} takes a {parameter.Type}, not {value.ValueKind.ToString().ToLowerInvariant()}."),
    };

    /// <summary>Checks one value against its parameter and returns it as PVE takes it (booleans as 0/1).</summary>
    private static string Check(ApiParameter parameter, string name, string value)
    {
        var type = parameter.Type == "array" ? "string" : parameter.Type;
        string Fail(string why) => throw new McpException($"{name} '{Shorten(value)}' {why}{(parameter.Text is { } t ? $" (format: {t})" : "")}.");

        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\t' or '\r')))
        {
            Fail("contains control characters");
        }

        switch (type)
        {
            case "integer":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    Fail("is not an integer");
                }

                CheckRange(parameter, integer, Fail);
                break;
            case "number":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    Fail("is not a number");
                }

                CheckRange(parameter, number, Fail);
                break;
            case "boolean":
                value = value.ToLowerInvariant() switch
                {
                    "1" or "true" or "yes" or "on" => "1",
                    "0" or "false" or "no" or "off" => "0",
                    _ => Fail("is not a boolean (true/false or 1/0)"),
                };
                break;
        }

        if (parameter.Enum is { Count: > 0 } allowed && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Fail($"is not one of {string.Join(", ", allowed)}");
        }

        if (parameter.MaxLength is { } max && value.Length > max)
        {
            Fail($"is longer than {max} characters");
        }

        if (parameter.Pattern is { } pattern && !Matches(pattern, value))
        {
            Fail($"does not match the pattern {pattern}");
        }

        if (KnownFormats.TryGetValue(parameter.Format ?? "", out var format) && !format.IsMatch(value))
        {
            Fail($"is not a valid {parameter.Format}");
        }

        return value;
    }

    private static void CheckRange(ApiParameter parameter, double value, Func<string, string> fail)
    {
        if (parameter.Min is { } min && value < min)
        {
            fail($"is below the minimum {min.ToString(CultureInfo.InvariantCulture)}");
        }

        if (parameter.Max is { } max && value > max)
        {
            fail($"is above the maximum {max.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException)
        {
            // A Perl construct .NET does not know: PVE itself still checks it.
            return true;
        }
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    /// <summary>The identifier formats that matter most for paths, checked as PVE does (pve-tools/JSONSchema.pm).</summary>
    private static readonly Dictionary<string, Regex> KnownFormats = new(StringComparer.Ordinal)
    {
        ["pve-node"] = new("^(?=.{1,63}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant),
        ["pve-vmid"] = new("^[1-9][0-9]{2,8}$", RegexOptions.CultureInvariant),
        ["pve-storage-id"] = new("^[a-zA-Z][a-zA-Z0-9_.-]*[a-zA-Z0-9]$", RegexOptions.CultureInvariant),
        ["pve-configid"] = new("^[a-zA-Z][a-zA-Z0-9_-]*$", RegexOptions.CultureInvariant),
        ["pve-poolid"] = new("^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+){0,2}$", RegexOptions.CultureInvariant),
        ["pve-iface"] = new("^[a-zA-Z][a-zA-Z0-9_.-]{1,19}$", RegexOptions.CultureInvariant),
    };
}
