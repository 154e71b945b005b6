namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// Wakes everyone waiting for "something changed". Take <see cref="Next"/> while holding the lock that guards the state
/// you checked, then await it outside the lock: a change made after the check always completes the task you hold.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly object gate = new();
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next
    {
        get
        {
            lock (gate)
            {
                return next.Task;
            }
        }
    }

    public void Pulse()
    {
        TaskCompletionSource fired;
        lock (gate)
        {
            fired = next;
            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }
}
