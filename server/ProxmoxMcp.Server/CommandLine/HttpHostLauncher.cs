using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// `serve --http ...`: replaces this process with proxmox-mcp-http from the same directory (execv, so signals and the
/// exit code are the HTTP host's own), passing every argument except the word `serve`.
/// </summary>
public static partial class HttpHostLauncher
{
    public const string BinaryName = "proxmox-mcp-http";

    public static int Run(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var directory = Path.GetDirectoryName(Environment.ProcessPath) ?? AppContext.BaseDirectory;
        var binary = Path.Combine(directory, OperatingSystem.IsWindows() ? BinaryName + ".exe" : BinaryName);
        if (!File.Exists(binary))
        {
            Console.Error.WriteLine(
                $"proxmox-mcp: serve --http needs {BinaryName} beside {Environment.ProcessPath} (the HTTP host is its own binary: " +
                "install/install.sh --http installs it; or dotnet publish server/ProxmoxMcp.Http).");
            return ExitCodes.BadConfiguration;
        }

        var arguments = Arguments(parse);
        if (!OperatingSystem.IsWindows())
        {
            Execv(binary, [binary, .. arguments, null]);
            Console.Error.WriteLine($"proxmox-mcp: cannot run {binary} (errno {Marshal.GetLastPInvokeError()}).");
            return ExitCodes.Failed;
        }

        var start = new ProcessStartInfo(binary) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The command line as given, without the `serve` command token.</summary>
    public static IReadOnlyList<string> Arguments(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var serve = parse.Tokens.FirstOrDefault(t => t.Type == TokenType.Command && t.Value == "serve");
        return parse.Tokens.Where(t => !ReferenceEquals(t, serve)).Select(t => t.Value).ToList();
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
