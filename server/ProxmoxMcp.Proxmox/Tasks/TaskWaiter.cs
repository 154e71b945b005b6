namespace ProxmoxMcp.Proxmox.Tasks;

/// <summary>
/// Waits for a PVE worker task by polling its status (after 100 ms, 200 ms, then every 500 ms, so its end is noticed
/// within half a second; a status GET is cheap for PVE), reading new log lines as it goes
/// (for progress and for the error report), until it stops, the timeout passes or the caller cancels.
/// </summary>
public sealed class TaskWaiter(ProxmoxClient client, TimeProvider time)
{
    private const int TailLines = 20;
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SecondPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a finished task goes unnoticed.</summary>
    public static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(500);

    public async Task<TaskOutcome> WaitAsync(Upid upid, TimeSpan timeout, IProgress<TaskProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upid);
        var started = time.GetTimestamp();
        var log = new TaskLogTail(TailLines);
        var delay = FirstPoll;
        for (var polls = 1; ; polls++)
        {
            var status = await client.GetTaskStatusAsync(upid, cancellationToken);
            if (!status.IsRunning || progress is not null)
            {
                await log.ReadNewLinesAsync(client, upid, cancellationToken);
            }

            var elapsed = time.GetElapsedTime(started);
            if (!status.IsRunning)
            {
                var succeeded = TaskOutcome.IsSuccessExitStatus(status.ExitStatus);
                return new TaskOutcome(upid, true, succeeded, status.ExitStatus, elapsed, succeeded ? log.Last(3) : log.Last(TailLines));
            }

            if (elapsed >= timeout)
            {
                await log.ReadNewLinesAsync(client, upid, cancellationToken);
                return new TaskOutcome(upid, false, false, null, elapsed, log.Last(5));
            }

            progress?.Report(new TaskProgress(upid, elapsed, log.Latest, polls));
            var remaining = timeout - elapsed;
            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken);
            delay = delay < SecondPoll ? SecondPoll : MaxPoll;
        }
    }

    /// <summary>Reads a task log incrementally, keeping only its last lines.</summary>
    private sealed class TaskLogTail(int capacity)
    {
        private const int PageSize = 50;
        private readonly Queue<string> lines = new();
        private int next;

        public string? Latest { get; private set; }

        public async Task ReadNewLinesAsync(ProxmoxClient client, Upid upid, CancellationToken cancellationToken)
        {
            var (page, total) = await client.GetTaskLogAsync(upid, next, PageSize, cancellationToken);
            if (total is { } count && count - next > PageSize)
            {
                // A long log (vzdump, migrate): skip to its end rather than paging through every line.
                next = Math.Max(next, count - capacity);
                (page, _) = await client.GetTaskLogAsync(upid, next, PageSize, cancellationToken);
            }

            // PVE answers "no content" for a task whose log is still empty; it is not a log line.
            foreach (var line in page.Where(l => !(l.LineNumber == 1 && l.Text == "no content")))
            {
                lines.Enqueue(line.Text);
                if (lines.Count > capacity)
                {
                    lines.Dequeue();
                }
            }

            next += page.Count;
            Latest = lines.LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? Latest;
        }

        public List<string> Last(int count) => lines.Skip(Math.Max(0, lines.Count - count)).ToList();
    }
}
