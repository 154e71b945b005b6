using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProxmoxMcp.Simulator.Schema;

namespace ProxmoxMcp.Simulator.Infrastructure;

/// <summary>PVE::RPCEnvironment::check_api2_permissions / exec_api2_perm_check over the schema's "permissions".</summary>
internal static partial class Permissions
{
    public static void CheckApi2(ApiEndpoint ep, Principal p, IReadOnlyDictionary<string, ParamValue> param)
    {
        if (ep.PermUser == "world")
        {
            return;
        }

        if (p.UserId.Length == 0)
        {
            throw PveException.Perm("user != null");
        }

        if (p.IsRootUser)
        {
            return;
        }

        if (!ep.HasPermissions)
        {
            throw PveException.Perm("user != root@pam");
        }

        if (ep.PermUser == "all")
        {
            return;
        }

        if (ep.PermCheck is { } check)
        {
            Exec(check, p, param, false);
            return;
        }

        throw PveException.Perm();
    }

    private static bool Exec(JsonArray check, Principal p, IReadOnlyDictionary<string, ParamValue> param, bool noerr)
    {
        var test = check[0]!.GetValue<string>();
        switch (test)
        {
            case "and":
                for (var i = 1; i < check.Count; i++)
                {
                    Exec(check[i]!.AsArray(), p, param, false);
                }

                return true;
            case "or":
                for (var i = 1; i < check.Count; i++)
                {
                    if (Exec(check[i]!.AsArray(), p, param, true))
                    {
                        return true;
                    }
                }

                if (noerr)
                {
                    return false;
                }

                throw PveException.Perm();
            case "perm":
                {
                    var tmpl = check[1]!.GetValue<string>();
                    var privs = check[2]!.AsArray().Select(x => x!.GetValue<string>()).ToArray();
                    var any = false;
                    string? requireParam = null;
                    for (var i = 3; i + 1 < check.Count; i += 2)
                    {
                        var opt = check[i]!.GetValue<string>();
                        if (opt == "any")
                        {
                            any = true;
                        }
                        else if (opt == "require_param")
                        {
                            requireParam = check[i + 1]!.GetValue<string>();
                        }
                    }

                    if (requireParam is not null && !param.ContainsKey(requireParam))
                    {
                        return noerr ? false : throw PveException.Perm();
                    }

                    var path = TemplateRegex().Replace(tmpl, m => param.TryGetValue(m.Groups[1].Value, out var v) ? v.AsText() : "");
                    if (any)
                    {
                        if (privs.Any(priv => p.Has(path, priv)))
                        {
                            return true;
                        }

                        return noerr ? false : throw PveException.Perm($"{path}, {string.Join('|', privs)}");
                    }

                    foreach (var priv in privs)
                    {
                        if (!p.Has(path, priv))
                        {
                            return noerr ? false : throw PveException.Perm($"{path}, {priv}");
                        }
                    }

                    return true;
                }

            default:
                // userid-group, userid-param, perm-modify: only root-like principals pass
                if (p.Privileges.Contains("Permissions.Modify"))
                {
                    return true;
                }

                return noerr ? false : throw PveException.Perm();
        }
    }

    [GeneratedRegex(@"\{([^}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateRegex();
}
