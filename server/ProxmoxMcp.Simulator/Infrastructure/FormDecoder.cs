using System.Text;

namespace ProxmoxMcp.Simulator.Infrastructure;

/// <summary>pve-http-server decode_urlencoded: pairs split on '&amp;' or ';', '+' is a space, %XX decoded, UTF-8.</summary>
internal static class FormDecoder
{
    public static List<KeyValuePair<string, string>> Decode(string? data)
    {
        var res = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(data))
        {
            return res;
        }

        foreach (var kv in data.Split('&', ';'))
        {
            if (kv.Length == 0)
            {
                continue;
            }

            // Perl: my ($k, $v) = split(/=/, $kv): an unencoded '=' in the value cuts it
            var parts = kv.Split('=');
            if (parts.Length < 2)
            {
                continue; // key without value: undefined, ignored
            }

            res.Add(new KeyValuePair<string, string>(Unescape(parts[0]), Unescape(parts[1])));
        }

        return res;
    }

    private static string Unescape(string s)
    {
        if (s.IndexOfAny(['+', '%']) < 0)
        {
            return s;
        }

        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
