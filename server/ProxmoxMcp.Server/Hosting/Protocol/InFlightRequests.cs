namespace ProxmoxMcp.Server.Hosting.Protocol;

/// <summary>Ids of requests handed to the SDK and not yet answered, so stdin EOF can wait for their replies.</summary>
public sealed class InFlightRequests
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private TaskCompletionSource drained = Completed();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return ids.Count;
            }
        }
    }

    public void Started(string id)
    {
        lock (gate)
        {
            if (ids.Add(id) && ids.Count == 1)
            {
                drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>A reply was written, or the client cancelled the request (no reply will come).</summary>
    public void Finished(string id)
    {
        lock (gate)
        {
            if (ids.Remove(id) && ids.Count == 0)
            {
                drained.TrySetResult();
            }
        }
    }

    /// <summary>Completes when nothing is in flight, or when the timeout passes.</summary>
    public async Task WaitUntilDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task pending;
        lock (gate)
        {
            pending = drained.Task;
        }

        await Task.WhenAny(pending, Task.Delay(timeout, cancellationToken));
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
