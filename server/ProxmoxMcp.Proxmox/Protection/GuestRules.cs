using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox.Protection;

/// <summary>
/// A list of guest selectors from one setting (PROXMOX_MCP_PROTECT or PROXMOX_MCP_ALLOW), comma-separated:
/// a vmid (<c>105</c>), a range (<c>100-199</c>), a tag (<c>tag:prod</c>) or a pool (<c>pool:critical</c>).
/// </summary>
public sealed partial class GuestRules
{
    private GuestRules(string setting, IReadOnlyList<GuestRule> rules)
    {
        Setting = setting;
        Rules = rules;
    }

    public static GuestRules None { get; } = new("", []);

    /// <summary>The setting the rules came from, named in every refusal.</summary>
    public string Setting { get; }

    public IReadOnlyList<GuestRule> Rules { get; }

    public bool IsEmpty => Rules.Count == 0;

    /// <summary>True when a rule needs the guest's tags or pool (from GET /cluster/resources).</summary>
    public bool NeedsResources => Rules.Any(r => r.Kind is GuestRuleKind.Tag or GuestRuleKind.Pool);

    /// <summary>Parses the setting's value; null or blank is no rules.</summary>
    /// <exception cref="FormatException">A selector is not one of the four forms; the message names the setting and the selector.</exception>
    public static GuestRules Parse(string? text, string setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var rules = new List<GuestRule>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            rules.Add(ParseOne(item, setting));
        }

        return rules.Count == 0 ? None : new GuestRules(setting, rules);
    }

    /// <summary>The first rule that selects the guest, or null. Tags and pool are null when unknown (e.g. a guest not yet created).</summary>
    public GuestRule? Match(long vmid, IReadOnlyCollection<string>? tags, string? pool) =>
        Rules.FirstOrDefault(r => r.Matches(vmid, tags, pool));

    public override string ToString() => string.Join(",", Rules);

    private static GuestRule ParseOne(string item, string setting)
    {
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var prefix = item[..colon].Trim().ToLowerInvariant();
            var name = item[(colon + 1)..].Trim();
            var kind = prefix switch
            {
                "tag" => GuestRuleKind.Tag,
                "pool" => GuestRuleKind.Pool,
                _ => throw Bad(setting, item, $"'{prefix}:' is not a known prefix"),
            };
            if (!NamePattern().IsMatch(name))
            {
                throw Bad(setting, item, $"'{name}' is not a valid {prefix} name (letters, digits, - _ . +)");
            }

            return new GuestRule(kind, 0, 0, name);
        }

        var dash = item.IndexOf('-', StringComparison.Ordinal);
        var (fromText, toText) = dash > 0 ? (item[..dash].Trim(), item[(dash + 1)..].Trim()) : (item, item);
        if (!TryVmid(fromText, out var from) || !TryVmid(toText, out var to))
        {
            throw Bad(setting, item, $"guest ids are whole numbers from {VmId.Min} to {VmId.Max}");
        }

        if (to < from)
        {
            throw Bad(setting, item, "the range ends before it starts");
        }

        return new GuestRule(dash > 0 ? GuestRuleKind.Range : GuestRuleKind.VmId, from, to, null);
    }

    private static bool TryVmid(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= VmId.Min and <= VmId.Max;

    private static FormatException Bad(string setting, string item, string why) =>
        new($"{setting}: '{item}' is not a guest selector ({why}). Use a comma list of vmids (105), ranges (100-199), tag:NAME or pool:NAME.");

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_\-.+]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

public enum GuestRuleKind
{
    VmId,
    Range,
    Tag,
    Pool,
}

/// <summary>One selector: <c>105</c>, <c>100-199</c>, <c>tag:prod</c> or <c>pool:critical</c>.</summary>
public sealed record GuestRule(GuestRuleKind Kind, long From, long To, string? Name)
{
    public bool Matches(long vmid, IReadOnlyCollection<string>? tags, string? pool) => Kind switch
    {
        GuestRuleKind.VmId or GuestRuleKind.Range => vmid >= From && vmid <= To,
        GuestRuleKind.Tag => tags?.Contains(Name!, StringComparer.OrdinalIgnoreCase) == true,
        _ => string.Equals(pool, Name, StringComparison.Ordinal),
    };

    public override string ToString() => Kind switch
    {
        GuestRuleKind.VmId => From.ToString(CultureInfo.InvariantCulture),
        GuestRuleKind.Range => string.Create(CultureInfo.InvariantCulture, $"{From}-{To}"),
        GuestRuleKind.Tag => "tag:" + Name,
        _ => "pool:" + Name,
    };
}
