using System.Globalization;

namespace ProxmoxMcp.Simulator;

/// <summary>A worker task (UPID). Runs for its duration on the simulator's clock, then completes.</summary>
public sealed class SimulatedTask
{
    private readonly List<(TimeSpan At, string Line)> _plannedLog = [];
    private readonly List<string> _finalLog = [];

    internal SimulatedTask(string node, int pid, long pstart, long starttime, string type, string id, string user, DateTimeOffset started, TimeSpan duration)
    {
        Node = node;
        Pid = pid;
        PStart = pstart;
        StartTime = starttime;
        Type = type;
        Id = id;
        User = user;
        Started = started;
        Duration = duration;
        Upid = string.Create(CultureInfo.InvariantCulture, $"UPID:{node}:{pid:X8}:{pstart:X8}:{starttime:X8}:{type}:{id}:{user}:");
    }

    /// <summary>UPID:{node}:{pid:8X}:{pstart:8X}:{starttime:8X}:{type}:{id}:{user}:</summary>
    public string Upid { get; }

    public string Node { get; }

    public int Pid { get; }

    public long PStart { get; }

    /// <summary>Unix start time.</summary>
    public long StartTime { get; }

    /// <summary>Task type (qmstart, vzdump, ...).</summary>
    public string Type { get; }

    /// <summary>Task id (usually the vmid), may be empty.</summary>
    public string Id { get; }

    /// <summary>User (or token id) that started it.</summary>
    public string User { get; }

    public DateTimeOffset Started { get; }

    public TimeSpan Duration { get; internal set; }

    public DateTimeOffset DueAt => Started + Duration;

    /// <summary>True while running.</summary>
    public bool IsRunning { get; private set; } = true;

    /// <summary>OK, "WARNINGS: n", or the error text; null while running.</summary>
    public string? ExitStatus { get; private set; }

    /// <summary>Unix end time, when stopped.</summary>
    public long? EndTime { get; private set; }

    /// <summary>True when it belongs to the generated history (not started through the API).</summary>
    public bool Historic { get; internal init; }

    public bool IsOk => ExitStatus is not null && (ExitStatus == "OK" || ExitStatus.StartsWith("WARNINGS: ", StringComparison.Ordinal));

    /// <summary>Applies the task's effect at the end; throws TaskFailedException to fail the task. May add warnings.</summary>
    internal Action<TaskContext>? OnComplete { get; set; }

    /// <summary>Always runs once when the task ends (success, failure or stop), e.g. to release the config lock.</summary>
    internal Action<bool>? OnEnd { get; set; }

    /// <summary>A predetermined failure (fault injection).</summary>
    internal string? InjectedFailure { get; set; }

    internal void PlanLog(double fraction, string line) =>
        _plannedLog.Add((TimeSpan.FromTicks((long)(Duration.Ticks * Math.Clamp(fraction, 0, 1))), line));

    internal void AddFinalLog(string line) => _finalLog.Add(line);

    /// <summary>The log lines visible at time now (it grows while the task runs).</summary>
    public IReadOnlyList<string> LogAt(DateTimeOffset now)
    {
        var lines = new List<string>();
        var elapsed = now - Started;
        foreach (var (at, line) in _plannedLog)
        {
            if (!IsRunning || at <= elapsed)
            {
                lines.Add(line);
            }
        }

        if (!IsRunning)
        {
            lines.AddRange(_finalLog);
        }

        return lines;
    }

    internal void Finish(string exitStatus, DateTimeOffset at)
    {
        IsRunning = false;
        ExitStatus = exitStatus;
        EndTime = at.ToUnixTimeSeconds();
        if (exitStatus == "OK")
        {
            _finalLog.Add("TASK OK");
        }
        else if (exitStatus.StartsWith("WARNINGS: ", StringComparison.Ordinal))
        {
            _finalLog.Add("TASK " + exitStatus);
        }
        else
        {
            _finalLog.Add("TASK ERROR: " + exitStatus);
        }
    }

    public override string ToString() => Upid;
}

/// <summary>Passed to a task's completion.</summary>
internal sealed class TaskContext
{
    public TaskContext(SimulatedTask task, DateTimeOffset now)
    {
        Task = task;
        Now = now;
    }

    public SimulatedTask Task { get; }

    public DateTimeOffset Now { get; }

    public int Warnings { get; private set; }

    public void Log(string line) => Task.AddFinalLog(line);

    public void Warn(string line)
    {
        Warnings++;
        Task.AddFinalLog("WARN: " + line);
    }
}
