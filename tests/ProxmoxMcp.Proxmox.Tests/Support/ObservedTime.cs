using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when code starts waiting on it (a timer with a finite due
/// time, as Task.Delay and Polly's retry delay create), so the test can advance the clock exactly then.
/// </summary>
public sealed class ObservedTime : FakeTimeProvider
{
    private readonly Channel<TimeSpan> timers = Channel.CreateUnbounded<TimeSpan>();

    public ObservedTime()
        : base(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The due time of the next timer created (in creation order).</summary>
    public ValueTask<TimeSpan> NextTimerAsync(CancellationToken cancellationToken) => timers.Reader.ReadAsync(cancellationToken);

    /// <summary>Waits for the next timer of at most <paramref name="maxDue"/> (a delay, not a timeout) and fires it.</summary>
    public async Task<TimeSpan> AdvancePastNextDelayAsync(TimeSpan maxDue, CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await NextTimerAsync(cancellationToken);
            if (due <= maxDue)
            {
                Advance(due);
                return due;
            }
        }
    }

    /// <summary>
    /// Lets <paramref name="call"/> run to completion, advancing the clock by each delay it waits on (at most
    /// <paramref name="maxDelay"/>; a longer timer is a timeout that must not fire). Returns the delays waited.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> DriveAsync(Task call, TimeSpan maxDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var waited = new List<TimeSpan>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            var next = NextTimerAsync(stop.Token).AsTask();
            if (await Task.WhenAny(call, next) == call)
            {
                await stop.CancelAsync();
                await call.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                return waited;
            }

            var due = await next;
            if (due <= maxDelay)
            {
                waited.Add(due);
                Advance(due);
            }
        }
    }
}
