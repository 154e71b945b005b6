namespace ProxmoxMcp.TestSupport;

/// <summary>
/// Release builds that end-to-end tests run as real processes: the Native AOT server and the bridge.
/// test.sh publishes them once before the suite; when a test project runs alone, the first test that needs
/// a binary publishes it (under a cross-process lock) and later runs reuse it until a source file is newer.
/// </summary>
public static class PublishedBinaries
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string ArtifactsDir =>
        Environment.GetEnvironmentVariable("PROXMOX_MCP_ARTIFACTS") is { Length: > 0 } dir ? dir : RepoPaths.Combine("artifacts", "test");

    /// <summary>The Native AOT server binary (<c>proxmox-mcp</c>) for linux-x64.</summary>
    public static Task<string> ServerAsync(CancellationToken cancellationToken = default) =>
        EnsureAsync("server/ProxmoxMcp.Server/ProxmoxMcp.Server.csproj", "server", "proxmox-mcp", ["server"], cancellationToken);

    /// <summary>The Native AOT Streamable HTTP host (<c>proxmox-mcp-http</c>) for linux-x64.</summary>
    public static Task<string> HttpServerAsync(CancellationToken cancellationToken = default) =>
        EnsureAsync("server/ProxmoxMcp.Http/ProxmoxMcp.Http.csproj", "http", "proxmox-mcp-http", ["server"], cancellationToken);

    /// <summary>The single-file, trimmed bridge for linux-x64 (the same code users run as bridge.exe).</summary>
    public static Task<string> BridgeAsync(CancellationToken cancellationToken = default) =>
        EnsureAsync("bridge/ProxmoxMcp.Bridge/ProxmoxMcp.Bridge.csproj", "bridge", "bridge", ["bridge"], cancellationToken);

    private static async Task<string> EnsureAsync(
        string project, string outputName, string binaryName, string[] sourceDirs, CancellationToken cancellationToken)
    {
        var outputDir = Path.Combine(ArtifactsDir, outputName);
        var binary = Path.Combine(outputDir, binaryName);
        await Gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(ArtifactsDir);
            using var fileLock = await AcquireFileLockAsync(Path.Combine(ArtifactsDir, outputName + ".lock"), cancellationToken);
            if (IsFresh(binary, sourceDirs))
            {
                return binary;
            }

            var result = await ProcessRunner.RunAsync(
                "dotnet",
                ["publish", RepoPaths.Combine(project), "-c", "Release", "-r", "linux-x64", "-o", outputDir, "-nologo", "-v:q"],
                TimeSpan.FromMinutes(8),
                cancellationToken: cancellationToken);
            if (result.ExitCode != 0 || !File.Exists(binary))
            {
                throw new InvalidOperationException($"dotnet publish {project} failed: {result}");
            }

            return binary;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsFresh(string binary, string[] sourceDirs)
    {
        if (!File.Exists(binary))
        {
            return false;
        }

        var built = File.GetLastWriteTimeUtc(binary);
        var inputs = sourceDirs
            .SelectMany(d => Directory.EnumerateFiles(RepoPaths.Combine(d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(RepoPaths.Combine("Directory.Build.props"))
            .Append(RepoPaths.Combine("Directory.Packages.props"));
        return inputs.All(f => File.GetLastWriteTimeUtc(f) <= built);
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
