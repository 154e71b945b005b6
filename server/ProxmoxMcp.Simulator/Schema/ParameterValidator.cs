using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Simulator.Schema;

/// <summary>
/// PVE's parameter verification (pve-common PVE::JSONSchema::validate / check_prop / parse_property_string), with the
/// same error texts. Named formats that are not modelled here are accepted, like unknown formats in PVE's own checker.
/// </summary>
internal static partial class ParameterValidator
{
    private const string NotDefined = "property is not defined in schema and the schema does not allow additional properties";

    /// <summary>Validate params (path params included) against the endpoint; returns the errors map (empty when valid).</summary>
    public static Dictionary<string, string> Validate(ApiEndpoint ep, Dictionary<string, ParamValue> values)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        // aliases: remap to the canonical name
        foreach (var key in values.Keys.ToList())
        {
            var spec = ep.Find(key, out _);
            if (spec?.Alias is { } alias)
            {
                if (values.ContainsKey(alias))
                {
                    AddError(errors, key, $"cannot set both '{key}' and its alias target '{alias}'");
                }
                else
                {
                    values[alias] = values[key];
                    values.Remove(key);
                }
            }
        }

        foreach (var p in ep.Parameters)
        {
            if (p.IsIndexed || p.Alias is not null)
            {
                continue;
            }

            if (!values.TryGetValue(p.Name, out var v))
            {
                if (!p.Optional)
                {
                    AddError(errors, p.Name, "property is missing and it is not optional");
                }

                continue;
            }

            CheckProp(p.Name, p, v, errors);
        }

        foreach (var (key, v) in values)
        {
            if (ep.ByName.ContainsKey(key))
            {
                continue;
            }

            var spec = ep.Find(key, out var indexError);
            if (spec is null)
            {
                if (!ep.AdditionalProperties || indexError is not null)
                {
                    AddError(errors, key, NotDefined);
                }

                continue;
            }

            CheckProp(key, spec, v, errors);
        }

        return errors;
    }

    private static void AddError(Dictionary<string, string> errors, string path, string msg)
    {
        if (string.IsNullOrEmpty(path))
        {
            path = "_root";
        }

        errors[path] = errors.TryGetValue(path, out var old) ? old + "\\n" + msg : msg;
    }

    private static void CheckProp(string path, ApiParam spec, ParamValue value, Dictionary<string, string> errors)
    {
        if (value.IsObject)
        {
            AddError(errors, path, $"type check ('{spec.Type}') failed - got HASH");
            return;
        }

        if (spec.Type == "array")
        {
            var items = value.List ?? (value.Text is null ? [] : [value.Text]);
            if (value.List is null)
            {
                AddError(errors, path, "type check ('array') failed");
                return;
            }

            if (spec.Items is not null)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    CheckScalar($"{path}[{i}]", spec.Items, items[i], false, errors);
                }
            }

            return;
        }

        if (value.List is not null)
        {
            AddError(errors, path, $"type check ('{spec.Type}') failed - got ARRAY");
            return;
        }

        CheckScalar(path, spec, value.Text ?? "", value.IsJsonBool, errors);
    }

    /// <summary>check_type + the scalar part of check_prop.</summary>
    internal static void CheckScalar(string path, ApiParam spec, string value, bool jsonBool, Dictionary<string, string> errors)
    {
        switch (spec.Type)
        {
            case "boolean":
                if (!jsonBool && value != "0" && value != "1")
                {
                    AddError(errors, path, $"type check ('boolean') failed - got '{value}'");
                    return;
                }

                break;
            case "integer":
                if (!IsInteger(value))
                {
                    AddError(errors, path, $"type check ('integer') failed - got '{value}'");
                    return;
                }

                break;
            case "number":
                if (!IsNumber(value))
                {
                    AddError(errors, path, $"type check ('number') failed - got '{value}'");
                    return;
                }

                break;
            case "object":
            case "array":
                AddError(errors, path, $"type check ('{spec.Type}') failed");
                return;
        }

        if (spec.Format is { } format)
        {
            string? err;
            if (format == "property-string" && spec.FormatKeys is not null)
            {
                err = CheckPropertyString(path, spec.FormatKeys, value);
            }
            else
            {
                err = CheckNamedFormat(format, value);
            }

            if (err is not null)
            {
                AddError(errors, path, "invalid format - " + err);
                return;
            }
        }

        if (spec.Pattern is not null && spec.PatternRegex is { } rx && !rx.IsMatch(value))
        {
            AddError(errors, path, "value does not match the regex pattern");
            return;
        }

        if (spec.MaxLength is int max && value.Length > max)
        {
            AddError(errors, path, $"value may only be {max} characters long");
            return;
        }

        if (spec.MinLength is int min && value.Length < min)
        {
            AddError(errors, path, $"value must be at least {min} characters long");
            return;
        }

        if (IsNumber(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var num))
        {
            if (spec.Maximum is double mx && num > mx)
            {
                AddError(errors, path, $"value must have a maximum value of {PerlNum(mx)}");
                return;
            }

            if (spec.Minimum is double mn && num < mn)
            {
                AddError(errors, path, $"value must have a minimum value of {PerlNum(mn)}");
                return;
            }
        }

        if (spec.Enum is { } en && !en.Contains(value, StringComparer.Ordinal))
        {
            AddError(errors, path, $"value '{value}' does not have a value in the enumeration '{string.Join(", ", en)}'");
        }
    }

    internal static string PerlNum(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    internal static bool IsInteger(string v) => IntegerRegex().IsMatch(v);

    internal static bool IsNumber(string v) => NumberRegex().IsMatch(v);

    [GeneratedRegex(@"^[+-]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerRegex();

    [GeneratedRegex(@"^[+-]?([0-9]+\.[0-9]+|[0-9]+\.|\.[0-9]+|[0-9]+)([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    /// <summary>parse_property_string + check_object on the result; returns the error text (with trailing newline) or null.</summary>
    private static string? CheckPropertyString(string path, IReadOnlyDictionary<string, ApiParam> keys, string data)
    {
        var res = new Dictionary<string, string>(StringComparer.Ordinal);
        string? defaultKey = null;
        foreach (var part in data.Split(','))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && eq < part.Length - 1)
            {
                var k = part[..eq];
                var v = part[(eq + 1)..];
                if (res.ContainsKey(k))
                {
                    return $"duplicate key in comma-separated list property: {k}\n";
                }

                keys.TryGetValue(k, out var ks);
                if (ks?.Alias is { } alias)
                {
                    if (ks.KeyAlias is { } keyAlias)
                    {
                        if (res.ContainsKey(keyAlias))
                        {
                            return $"key alias '{keyAlias}' is already defined\n";
                        }

                        res[keyAlias] = k;
                    }

                    k = alias;
                    keys.TryGetValue(k, out ks);
                    if (res.ContainsKey(k))
                    {
                        return $"key '{k}' is already defined (via alias)\n";
                    }
                }

                if (ks is null)
                {
                    return $"invalid key in comma-separated list property: {k}\n";
                }

                if (ks.Type == "boolean")
                {
                    v = ParseBoolean(v) ?? v;
                }

                res[k] = v;
            }
            else if (!part.Contains('=', StringComparison.Ordinal))
            {
                if (defaultKey is not null)
                {
                    return $"duplicate key in comma-separated list property: {defaultKey}\n";
                }

                foreach (var (name, ks) in keys)
                {
                    if (!ks.DefaultKey)
                    {
                        continue;
                    }

                    defaultKey = name;
                    if (res.ContainsKey(name))
                    {
                        return $"duplicate key in comma-separated list property: {name}\n";
                    }

                    res[name] = ks.Type == "boolean" ? ParseBoolean(part) ?? part : part;
                    break;
                }

                if (defaultKey is null)
                {
                    return "value without key, but schema does not define a default key\n";
                }
            }
            else
            {
                return "missing key in comma-separated list property\n";
            }
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, ks) in keys)
        {
            if (ks.Alias is not null)
            {
                continue;
            }

            if (!res.TryGetValue(name, out var v))
            {
                if (!ks.Optional)
                {
                    AddError(errors, $"{path}.{name}", "property is missing and it is not optional");
                }

                continue;
            }

            CheckScalar($"{path}.{name}", ks, v, false, errors);
        }

        foreach (var name in res.Keys)
        {
            if (!keys.ContainsKey(name))
            {
                AddError(errors, $"{path}.{name}", NotDefined);
            }
        }

        if (errors.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder("format error\n");
        foreach (var (k, msg) in errors)
        {
            sb.Append(k).Append(": ").Append(msg).Append('\n');
        }

        return sb.ToString();
    }

    internal static string? ParseBoolean(string v) => v.ToUpperInvariant() switch
    {
        "1" or "ON" or "YES" or "TRUE" => "1",
        "0" or "OFF" or "NO" or "FALSE" => "0",
        _ => null,
    };

    /// <summary>PVE::JSONSchema::check_format for a named format (with -list / -opt); error text or null.</summary>
    internal static string? CheckNamedFormat(string format, string value)
    {
        var baseName = format;
        var kind = "none";
        if (!KnownFormats.Contains(format))
        {
            if (format.EndsWith("-list", StringComparison.Ordinal))
            {
                baseName = format[..^5];
                kind = "list";
            }
            else if (format.EndsWith("-opt", StringComparison.Ordinal))
            {
                baseName = format[..^4];
                kind = "opt";
            }
        }

        if (!KnownFormats.Contains(baseName))
        {
            return null; // not modelled: accepted
        }

        IEnumerable<string> items = kind switch
        {
            "list" => SplitList(value),
            "opt" => value.Length == 0 ? [] : [value],
            _ => [value],
        };
        foreach (var item in items)
        {
            var err = VerifyFormat(baseName, item);
            if (err is not null)
            {
                return err;
            }
        }

        return null;
    }

    /// <summary>PVE::Tools::split_list.</summary>
    internal static IEnumerable<string> SplitList(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return text.Split('\0');
        }

        return SplitListRegex().Split(text.Trim()).Where(s => s.Length > 0);
    }

    [GeneratedRegex(@"[,;\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex SplitListRegex();

    private static readonly HashSet<string> KnownFormats = new(StringComparer.Ordinal)
    {
        "pve-node", "pve-vmid", "pve-storage-id", "pve-configid", "pve-bridge-id", "mac-addr", "pve-poolid",
        "disk-size", "pve-tag", "pve-storage-content", "dns-name", "pve-volume-id", "pve-volume-id-or-qm-path",
        "pve-volume-id-or-absolute-path", "ipv4", "ipv6", "ip", "CIDR", "pve-task-status-type", "urlencoded",
        "pve-startup-order", "email",
    };

    private static readonly HashSet<string> StorageContent = new(StringComparer.Ordinal)
    {
        "images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import",
    };

    private static string? VerifyFormat(string format, string v)
    {
        switch (format)
        {
            case "pve-node":
                return NodeRegex().IsMatch(v) ? null : "value does not look like a valid node name\n";
            case "pve-vmid":
                return VmidRegex().IsMatch(v) ? null : "value does not look like a valid VM ID\n";
            case "pve-storage-id":
                if (v.Length < 2)
                {
                    return $"storage ID '{v}' cannot be shorter than 2 characters\n";
                }

                return StorageIdRegex().IsMatch(v) ? null : $"storage ID '{v}' contains illegal characters\n";
            case "pve-configid":
                return ConfigIdRegex().IsMatch(v) ? null : $"invalid configuration ID '{v}'\n";
            case "pve-bridge-id":
                return BridgeRegex().IsMatch(v) ? null : $"invalid bridge ID '{v}'\n";
            case "mac-addr":
                return MacRegex().IsMatch(v) ? null : "value does not look like a valid unicast MAC address\n";
            case "pve-poolid":
                if (v.Split('/').Length > 3)
                {
                    return $"pool name '{v}' nested too deeply (max levels = 3)\n";
                }

                return PoolRegex().IsMatch(v) ? null : $"invalid pool name '{v}'\n";
            case "disk-size":
                return DiskSizeRegex().IsMatch(v) ? null : $"value does not look like a valid disk size: {v}\n";
            case "pve-tag":
                return TagRegex().IsMatch(v) ? null : "invalid characters in tag\n";
            case "pve-storage-content":
                return StorageContent.Contains(v) ? null : $"invalid content type '{v}'\n";
            case "dns-name":
                return DnsRegex().IsMatch(v) ? null : "value does not look like a valid DNS name\n";
            case "pve-volume-id":
                return VolumeIdRegex().IsMatch(v) ? null : $"unable to parse volume ID '{v}'\n";
            case "pve-volume-id-or-qm-path":
                if (v is "none" or "cdrom" || v.StartsWith('/'))
                {
                    return null;
                }

                return VolumeIdRegex().IsMatch(v) ? null : $"unable to parse volume ID '{v}'\n";
            case "pve-volume-id-or-absolute-path":
                if (v.StartsWith('/'))
                {
                    return null;
                }

                return VolumeIdRegex().IsMatch(v) ? null : $"unable to parse volume ID '{v}'\n";
            case "ipv4":
                return IPAddress.TryParse(v, out var a4) && a4.AddressFamily == AddressFamily.InterNetwork && v.Count(c => c == '.') == 3
                    ? null : "value does not look like a valid IPv4 address\n";
            case "ipv6":
                return IPAddress.TryParse(v, out var a6) && a6.AddressFamily == AddressFamily.InterNetworkV6
                    ? null : "value does not look like a valid IPv6 address\n";
            case "ip":
                return IPAddress.TryParse(v, out _) ? null : "value does not look like a valid IP address\n";
            case "CIDR":
                return IPNetwork.TryParse(v, out _) ? null : "value does not look like a valid CIDR network\n";
            case "pve-task-status-type":
                return v.ToUpperInvariant() is "OK" or "ERROR" or "WARNING" or "UNKNOWN" ? null : $"invalid status '{v}'\n";
            case "urlencoded":
                return UrlEncodedRegex().IsMatch(v) ? null : $"invalid urlencoded string: {v}\n";
            case "pve-startup-order":
                return StartupRegex().IsMatch(v) ? null : "unable to parse startup options\n";
            case "email":
                return EmailRegex().IsMatch(v) ? null : "value does not look like a valid email address\n";
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeRegex();

    [GeneratedRegex(@"^[1-9][0-9]{2,8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VmidRegex();

    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*[a-z0-9]\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StorageIdRegex();

    [GeneratedRegex(@"^[a-z][a-z0-9_-]+\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConfigIdRegex();

    [GeneratedRegex(@"^[-_.\w\d]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex BridgeRegex();

    [GeneratedRegex(@"^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MacRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_\-/]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PoolRegex();

    [GeneratedRegex(@"^\d+(\.\d+)?([KMGT](iB)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DiskSizeRegex();

    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_\-+.]*\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^((?:[a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?\.)*(?:[a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?))\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsRegex();

    [GeneratedRegex(@"^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex VolumeIdRegex();

    [GeneratedRegex(@"^[-%a-zA-Z0-9_.!~*'()]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex UrlEncodedRegex();

    [GeneratedRegex(@"^((order=\d+|up=\d+|down=\d+)(,|\z))+\z", RegexOptions.CultureInvariant)]
    private static partial Regex StartupRegex();

    [GeneratedRegex(@"^[\w+\-~]+(\.[\w+\-~]+)*@[a-zA-Z0-9\-]+(\.[a-zA-Z0-9\-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();
}
