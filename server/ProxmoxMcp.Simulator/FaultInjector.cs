using System.Text.RegularExpressions;

namespace ProxmoxMcp.Simulator;

/// <summary>
/// One fault: applies to requests matching <see cref="Method"/> (null = any) and <see cref="PathPattern"/>
/// (null = any; glob on the path after /api2/json: <c>*</c> = within one segment, <c>**</c> = across segments).
/// </summary>
public sealed class FaultRule
{
    private readonly Regex? _path;
    private int _remaining;
    private int _hits;

    internal FaultRule(string kind, string? method, string? pathPattern, int? count)
    {
        Kind = kind;
        Method = method?.ToUpperInvariant();
        PathPattern = pathPattern;
        _remaining = count ?? -1;
        if (pathPattern is not null)
        {
            var rx = "^" + Regex.Escape(pathPattern).Replace(@"\*\*", "\u0001", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace("\u0001", ".*", StringComparison.Ordinal) + "/?$";
            _path = new Regex(rx, RegexOptions.CultureInvariant);
        }
    }

    /// <summary>latency, error, drop.</summary>
    public string Kind { get; }

    public string? Method { get; }

    public string? PathPattern { get; }

    public TimeSpan Latency { get; internal init; }

    public int Status { get; internal init; }

    public string? Reason { get; internal init; }

    /// <summary>Raw response body of an error fault (null: PVE's default for the status).</summary>
    public string? Body { get; internal init; }

    /// <summary>How many more requests this rule applies to (-1 = unlimited).</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>
    /// How many requests this rule has been applied to. A latency rule counts a request once it is held (its timer
    /// exists), so a test that sees the hit and then advances a fake clock releases that request.
    /// </summary>
    public int Hits => Volatile.Read(ref _hits);

    public bool Exhausted => Remaining == 0;

    internal bool Matches(string method, string path) =>
        (Method is null || Method == method) && (_path is null || _path.IsMatch(path));

    /// <summary>Consume one use; false when exhausted. <paramref name="countHit"/> false: the caller counts it later (<see cref="CountHit"/>).</summary>
    internal bool TryTake(bool countHit = true)
    {
        while (true)
        {
            var r = Volatile.Read(ref _remaining);
            if (r == 0)
            {
                return false;
            }

            if (r < 0 || Interlocked.CompareExchange(ref _remaining, r - 1, r) == r)
            {
                if (countHit)
                {
                    CountHit();
                }

                return true;
            }
        }
    }

    internal void CountHit() => Interlocked.Increment(ref _hits);

    public override string ToString() =>
        $"{Kind} {Method ?? "*"} {PathPattern ?? "**"}" + (Kind == "error" ? $" -> {Status} {Reason}" : Kind == "latency" ? $" +{Latency.TotalMilliseconds}ms" : "");
}

/// <summary>
/// Runtime-configurable faults of a <see cref="SimulatedCluster"/>: latency, error answers, dropped connections,
/// "fail the next N requests", tickets that expire after N requests, slow tasks and failing tasks. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<FaultRule> _rules = [];
    private readonly List<(string? Type, TimeSpan Duration, int Remaining)> _durations = [];
    private readonly List<(string? Type, string Message, int Remaining)> _failures = [];
    private int? _ticketRequestLimit;

    /// <summary>All rules, in the order they were added (exhausted ones included).</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Add latency before the answer (on the simulator's TimeProvider).</summary>
    public FaultRule AddLatency(TimeSpan delay, string? method = null, string? pathPattern = null, int? count = null) =>
        Add(new FaultRule("latency", method, pathPattern, count) { Latency = delay });

    /// <summary>
    /// Answer with an error instead of processing. Body null: PVE's conventions ({"data":null,"message":...} for
    /// 4xx/5xx, empty for 401 and 59x). count null: every matching request; n: the next n, then normal answers.
    /// </summary>
    public FaultRule AddError(int status, string reason, string? body = null, string? method = null, string? pathPattern = null, int? count = null) =>
        Add(new FaultRule("error", method, pathPattern, count) { Status = status, Reason = reason, Body = body });

    /// <summary>Fail the next <paramref name="count"/> matching requests with the given error, then succeed.</summary>
    public FaultRule FailNext(int count, int status = 500, string reason = "simulated failure", string? method = null, string? pathPattern = null) =>
        AddError(status, reason, null, method, pathPattern, count);

    /// <summary>Drop the connection (in-process: HttpRequestException with an IOException/SocketException inside; Kestrel: abort).</summary>
    public FaultRule DropConnections(string? method = null, string? pathPattern = null, int? count = null) =>
        Add(new FaultRule("drop", method, pathPattern, count));

    /// <summary>Tickets issued or used from now on stop working after this many authenticated requests each (401).</summary>
    public void ExpireTicketsAfter(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        lock (_lock)
        {
            _ticketRequestLimit = requests;
        }
    }

    /// <summary>Current ticket request limit, or null.</summary>
    public int? TicketRequestLimit
    {
        get
        {
            lock (_lock)
            {
                return _ticketRequestLimit;
            }
        }
    }

    /// <summary>Override the duration of the next <paramref name="count"/> tasks of a type (null type: any; null count: all).</summary>
    public void SetTaskDuration(TimeSpan duration, string? taskType = null, int? count = null)
    {
        lock (_lock)
        {
            _durations.Add((taskType, duration, count ?? -1));
        }
    }

    /// <summary>The next <paramref name="count"/> tasks of this type (null: any) fail with this text (exitstatus, TASK ERROR: text).</summary>
    public void FailNextTask(string? taskType, string message, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            _failures.Add((taskType, message, count));
        }
    }

    /// <summary>Remove one rule.</summary>
    public bool Remove(FaultRule rule)
    {
        lock (_lock)
        {
            return _rules.Remove(rule);
        }
    }

    /// <summary>Remove every fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            _durations.Clear();
            _failures.Clear();
            _ticketRequestLimit = null;
        }
    }

    private FaultRule Add(FaultRule rule)
    {
        lock (_lock)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    internal List<FaultRule> Match(string method, string path)
    {
        lock (_lock)
        {
            return _rules.Where(r => !r.Exhausted && r.Matches(method, path)).ToList();
        }
    }

    internal TimeSpan? TakeTaskDuration(string type)
    {
        lock (_lock)
        {
            for (var i = _durations.Count - 1; i >= 0; i--)
            {
                var (t, d, rem) = _durations[i];
                if (rem != 0 && (t is null || t == type))
                {
                    if (rem > 0)
                    {
                        _durations[i] = (t, d, rem - 1);
                    }

                    return d;
                }
            }

            return null;
        }
    }

    internal string? TakeTaskFailure(string type)
    {
        lock (_lock)
        {
            for (var i = 0; i < _failures.Count; i++)
            {
                var (t, msg, rem) = _failures[i];
                if (rem > 0 && (t is null || t == type))
                {
                    _failures[i] = (t, msg, rem - 1);
                    return msg;
                }
            }

            return null;
        }
    }
}
