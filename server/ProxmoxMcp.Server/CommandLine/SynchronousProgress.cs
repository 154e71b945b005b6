using ModelContextProtocol;

namespace ProxmoxMcp.Server.CommandLine;

/// <summary>
/// Prints progress as it arrives, in order (<see cref="Progress{T}"/> posts to the thread pool, so lines could trail
/// the result), and once: a poll that finds the task where the previous one left it says nothing new.
/// </summary>
internal sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
{
    private string? last;

    public void Report(ProgressNotificationValue value)
    {
        if (value.Message is { } message && message == last)
        {
            return;
        }

        last = value.Message;
        report(value);
    }
}
