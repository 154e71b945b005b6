namespace ProxmoxMcp.Server.Tools.Api;

/// <summary>Keyword search over the schema's paths and summaries: a path segment match weighs most; a synonym (vm: qemu) counts like the word.</summary>
public static class ApiSearch
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["vm"] = "qemu", ["vms"] = "qemu", ["container"] = "lxc", ["containers"] = "lxc", ["ct"] = "lxc",
        ["rule"] = "rules", ["health"] = "status", ["interfaces"] = "network", ["interface"] = "network",
        ["logs"] = "log", ["journal"] = "journal", ["job"] = "jobs", ["certificate"] = "certificates",
        ["user"] = "users", ["group"] = "groups", ["role"] = "roles", ["token"] = "token", ["zone"] = "zones", ["vnet"] = "vnets",
    };

    public static IReadOnlyList<(ApiEndpoint Endpoint, int Score)> Find(string query)
    {
        var words = (query ?? "").ToLowerInvariant()
            .Split([' ', ',', '/', '-', '_', '.', ':', '?'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 1 && w is not ("the" or "of" or "a" or "for" or "in" or "on" or "get" or "list" or "show"))
            .Distinct(StringComparer.Ordinal)
            .Select(w => Synonyms.TryGetValue(w, out var synonym) ? new[] { w, synonym } : [w])
            .ToList();
        var method = (query ?? "").ToLowerInvariant() switch
        {
            var q when q.Contains("create", StringComparison.Ordinal) || q.Contains("add", StringComparison.Ordinal) => "POST",
            var q when q.Contains("delete", StringComparison.Ordinal) || q.Contains("remove", StringComparison.Ordinal) => "DELETE",
            var q when q.Contains("update", StringComparison.Ordinal) || q.Contains("change", StringComparison.Ordinal) || q.Contains("set ", StringComparison.Ordinal) => "PUT",
            _ => "GET",
        };
        if (words.Count == 0)
        {
            return [];
        }

        return ApiCatalog.All
            .Select(e => (Endpoint: e, Score: Score(e, words, method)))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Endpoint.Path.Length)
            .ThenBy(m => m.Endpoint.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static int Score(ApiEndpoint endpoint, List<string[]> words, string method)
    {
        var summary = endpoint.Summary.ToLowerInvariant();
        var segments = endpoint.Segments.Select(s => s.ToLowerInvariant()).ToList();
        var score = 0;
        var matched = 0;
        foreach (var alternatives in words)
        {
            var s = alternatives.Max(word => segments.Any(seg => seg == word) ? 6
                : segments.Any(seg => !seg.StartsWith('{') && seg.Contains(word, StringComparison.Ordinal)) ? 3
                : summary.Contains(word, StringComparison.Ordinal) ? 2
                : 0);
            score += s;
            matched += s > 0 ? 1 : 0;
        }

        if (matched == 0)
        {
            return 0;
        }

        // Every word found counts for more than a strong match of one; the method the query implies breaks ties.
        return (matched * 10) + score + (endpoint.Method == method ? 2 : 0);
    }
}
