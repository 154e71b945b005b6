namespace ProxmoxMcp.Proxmox.Tasks;

/// <summary>
/// Waits for a PVE worker task by polling its status with a growing interval, reading new log lines as it goes
/// (for progress and for the error report), until it stops, the timeout passes or the caller cancels.
/// </summary>
public sealed class TaskWaiter(ProxmoxClient client, TimeProvider time)
{
    private const int TailLines = 20;
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan EarlyPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(2);

    /// <summary>Most tasks (power, snapshot, clone of a template) end within seconds: poll those at 1 s, then slower.</summary>
    private static readonly TimeSpan EarlyPhase = TimeSpan.FromSeconds(20);

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
            var cap = elapsed < EarlyPhase ? EarlyPoll : MaxPoll;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, cap.Ticks));
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
