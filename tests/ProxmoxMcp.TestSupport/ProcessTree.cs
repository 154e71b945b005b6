using System.Globalization;

namespace ProxmoxMcp.TestSupport;

/// <summary>Reads the process tree from /proc, to prove that no child outlives its connection.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(afterName[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        var result = new List<int>();
        var pending = new Stack<int>([rootPid]);
        while (pending.Count > 0)
        {
            if (children.TryGetValue(pending.Pop(), out var kids))
            {
                foreach (var kid in kids)
                {
                    result.Add(kid);
                    pending.Push(kid);
                }
            }
        }

        return result;
    }
}
