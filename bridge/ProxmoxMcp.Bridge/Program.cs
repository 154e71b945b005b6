using System.CommandLine;
using System.Runtime.InteropServices;
using ProxmoxMcp.Bridge;
using ProxmoxMcp.Bridge.Configuration;

// Wiring only: parse the command line, then run the bridge on this process's standard streams.
using var stderr = ProxmoxMcp.Bridge.Logging.BridgeLog.OpenStandardError();
using var stopping = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var root = BridgeCommand.Create(
    (settings, _) => BridgeRunner.RunAsync(settings, Console.OpenStandardInput(), Console.OpenStandardOutput(), stderr, stopping.Token),
    Environment.GetEnvironmentVariable,
    stderr);
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        stderr.WriteLine($"bridge: {error.Message}");
    }

    stderr.WriteLine("bridge: see 'bridge --help'");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Error = stderr }, stopping.Token);

void Stop(PosixSignalContext context)
{
    // The first signal stops the bridge cleanly; a second one ends the process at once.
    context.Cancel = !stopping.IsCancellationRequested;
    stopping.Cancel();
}
