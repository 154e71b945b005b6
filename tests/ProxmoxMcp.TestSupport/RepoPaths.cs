namespace ProxmoxMcp.TestSupport;

/// <summary>Locates the repository from a test's output directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ContractDir => Combine("tests", "contract");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProxmoxMcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ProxmoxMcp.sln not found above {AppContext.BaseDirectory}");
    }
}
