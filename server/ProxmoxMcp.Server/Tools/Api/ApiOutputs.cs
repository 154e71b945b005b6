using System.Text;
using System.Text.Json;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Api;

/// <summary>find_api: matching endpoints, best first.</summary>
public sealed record ApiFindOutput(string Query, int Matches, IReadOnlyList<ApiMatch> Endpoints) : IToolOutput
{
    public string ToText()
    {
        var sb = new StringBuilder($"{Matches} endpoints match '{Query}'");
        sb.Append(Endpoints.Count < Matches ? $", best {Endpoints.Count}:" : ":");
        foreach (var e in Endpoints)
        {
            sb.Append('\n').Append(e.Method).Append(' ').Append(e.Path).Append(" - ").Append(e.Summary);
        }

        return sb.ToString();
    }
}

public sealed record ApiMatch(string Method, string Path, string Summary);

/// <summary>describe_api: one endpoint's parameters and return shape.</summary>
public sealed record ApiDescribeOutput(string Method, string Path, string Summary, IReadOnlyList<ApiParameter> Parameters, string? Returns) : IToolOutput
{
    public string ToText()
    {
        var sb = new StringBuilder($"{Method} {Path}: {Summary}");
        sb.Append(Parameters.Count == 0 ? "\nNo parameters." : "\nParameters:");
        foreach (var p in Parameters.OrderByDescending(p => p.InPath).ThenByDescending(p => p.Required))
        {
            sb.Append("\n- ").Append(p.Name).Append(" (").Append(p.InPath ? "path, " : p.Required ? "required, " : "").Append(p.Type);
            if (p.Format is { } format && format != "property-string")
            {
                sb.Append(", ").Append(format);
            }

            if (p.Enum is { Count: > 0 } values)
            {
                sb.Append(": ").Append(string.Join("|", values));
            }

            if (p.Min is not null || p.Max is not null)
            {
                sb.Append(", ").Append(p.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").Append("..").Append(p.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }

            if (p.Default is { } d)
            {
                sb.Append(", default ").Append(d);
            }

            sb.Append(')');
            if (p.IsNumbered)
            {
                sb.Append(" numbered ").Append(p.Stem).Append("0..").Append(p.Stem).Append(p.NMax ?? 0);
            }

            if (p.Description is { Length: > 0 } text)
            {
                sb.Append(": ").Append(text);
            }

            if (p.Text is { } typetext)
            {
                sb.Append(" Format: ").Append(typetext);
            }
        }

        if (Returns is { } returns)
        {
            sb.Append("\nReturns: ").Append(returns);
        }

        return sb.ToString();
    }
}

/// <summary>call_api: the reply's data, a page of it when it is a list.</summary>
public sealed record ApiCallOutput(string Request, JsonElement Data, int? Total = null, int? Offset = null, bool Truncated = false) : IToolOutput
{
    public const int MaxTextLength = 16_000;

    public string ToText()
    {
        var sb = new StringBuilder(Request);
        if (Total is { } total)
        {
            var count = Data.GetArrayLength();
            sb.Append($": {total} items").Append(count < total ? $", showing {Offset + 1}-{Offset + count} (offset and limit page)" : "");
            foreach (var item in Data.EnumerateArray())
            {
                sb.Append('\n').Append(Compact(item));
            }
        }
        else
        {
            sb.Append('\n').Append(Data.ValueKind == JsonValueKind.Null ? "(no data)" : Compact(Data));
        }

        if (Truncated)
        {
            sb.Append("\n(reply cut at ").Append(MaxTextLength).Append(" characters: page with offset and limit)");
        }

        return sb.ToString();
    }

    internal static string Compact(JsonElement element) => JsonSerializer.Serialize(element, ApiJsonContext.Default.JsonElement);
}
