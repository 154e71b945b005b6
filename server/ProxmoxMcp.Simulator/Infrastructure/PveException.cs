namespace ProxmoxMcp.Simulator.Infrastructure;

/// <summary>An error answered the way PVE answers it: status, message (reason phrase = first line), optional errors map.</summary>
internal sealed class PveException : Exception
{
    public PveException(int status, string message, IReadOnlyDictionary<string, string>? errors = null, bool emptyBody = false)
        : base(message)
    {
        Status = status;
        Errors = errors;
        EmptyBody = emptyBody;
    }

    public PveException()
        : this(500, "internal error")
    {
    }

    public PveException(string message)
        : this(500, message)
    {
    }

    public PveException(string message, Exception inner)
        : base(message, inner)
    {
        Status = 500;
    }

    public int Status { get; }

    public IReadOnlyDictionary<string, string>? Errors { get; }

    /// <summary>True for 401/595 style answers: reason phrase only, no body.</summary>
    public bool EmptyBody { get; }

    /// <summary>A plain "die" in PVE: 500 with the message.</summary>
    public static PveException Die(string message) => new(500, message);

    /// <summary>raise_param_exc: 400 "Parameter verification failed." with the errors map.</summary>
    public static PveException Param(string name, string message) =>
        new(400, "Parameter verification failed.", new Dictionary<string, string>(StringComparer.Ordinal) { [name] = message });

    public static PveException Param(IReadOnlyDictionary<string, string> errors) =>
        new(400, "Parameter verification failed.", errors);

    /// <summary>raise_perm_exc: 403 "Permission check failed (what)".</summary>
    public static PveException Perm(string? what = null) =>
        new(403, what is null ? "Permission check failed" : $"Permission check failed ({what})");
}

/// <summary>Thrown inside a task's completion to make the task fail with this text (TASK ERROR: text).</summary>
internal sealed class TaskFailedException : Exception
{
    public TaskFailedException(string message)
        : base(message)
    {
    }

    public TaskFailedException()
    {
    }

    public TaskFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
