using System.Net;
using ProxmoxMcp.Proxmox.Tasks;
using ProxmoxMcp.Proxmox.Tests.Support;
using RichardSzalay.MockHttp;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Tasks;

/// <summary>The waiter polls on fake time (the test fires each poll delay); HTTP runs on the system clock and answers at once.</summary>
public sealed class TaskWaiterTests
{
    private const int HangGuard = 60_000;
    private static readonly string StatusPath = $"/nodes/pve1/tasks/{QemuStartUpidEscaped}/status";
    private static readonly string LogPath = $"/nodes/pve1/tasks/{QemuStartUpidEscaped}/log";
    private static readonly TimeSpan MaxPoll = TaskWaiter.MaxPoll;

    private static Func<HttpResponseMessage> Running => () => PveResponses.Data("""{"status":"running","upid":"x","node":"pve1"}""");

    private static Func<HttpResponseMessage> Stopped(string exitStatus) => () => PveResponses.Data($$"""{"status":"stopped","exitstatus":"{{exitStatus}}"}""");

    [Fact(Timeout = HangGuard)]
    public async Task Wait_WhenTaskStopsOk_Succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn(Running, Running, Stopped("OK"));
        pve.On(HttpMethod.Get, LogPath).RespondData("""[{"n":1,"t":"starting VM 100"},{"n":2,"t":"TASK OK"}]""", total: 2);

        var wait = new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(2), null, ct);
        var delays = await pve.Time.DriveAsync(wait, MaxPoll, ct);
        var outcome = await wait;

        Assert.True(outcome.Finished);
        Assert.True(outcome.Succeeded);
        Assert.Equal("OK", outcome.ExitStatus);
        Assert.Equal(["starting VM 100", "TASK OK"], outcome.LogTail);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], delays);
        Assert.Equal(TimeSpan.FromMilliseconds(300), outcome.Elapsed);
        Assert.Equal(QemuStart, outcome.Upid);
        Assert.Equal(3, pve.Count(HttpMethod.Get, StatusPath));
    }

    [Theory(Timeout = HangGuard)]
    [InlineData("WARNINGS: 2", true)]
    [InlineData("WARNINGS: 1", true)]
    [InlineData("OK", true)]
    [InlineData("command 'vzdump 110 --storage local' failed: exit code 5", false)]
    [InlineData("interrupted by signal", false)]
    [InlineData("unexpected status", false)]
    public async Task Wait_ReportsExitStatusAsSuccessOrFailure(string exitStatus, bool succeeded)
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn(Stopped(exitStatus));
        pve.On(HttpMethod.Get, LogPath).RespondData("""[{"n":1,"t":"INFO: starting"},{"n":2,"t":"TASK DONE"}]""", total: 2);

        var outcome = await new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(1), null, ct);

        Assert.True(outcome.Finished);
        Assert.Equal(succeeded, outcome.Succeeded);
        Assert.Equal(exitStatus, outcome.ExitStatus);
        Assert.Equal(TimeSpan.Zero, outcome.Elapsed);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Wait_WhenTaskFails_ReturnsErrorTextAndLastLogLines()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn(Stopped("can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout"));
        var log = Enumerable.Range(1, 30).Select(i => $$"""{"n":{{i}},"t":"line {{i}}"}""").Append("""{"n":31,"t":"TASK ERROR: can't lock file"}""");
        pve.On(HttpMethod.Get, LogPath).RespondData("[" + string.Join(',', log) + "]", total: 31);

        var outcome = await new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(1), null, ct);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("can't lock file", outcome.ExitStatus, StringComparison.Ordinal);
        Assert.Equal(20, outcome.LogTail.Count);
        Assert.Equal("line 12", outcome.LogTail[0]);
        Assert.Equal("TASK ERROR: can't lock file", outcome.LogTail[^1]);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Wait_WhenTimeoutPasses_ReturnsNotFinished()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn(Running);
        pve.On(HttpMethod.Get, LogPath).RespondData("""[{"n":1,"t":"copying disk"},{"n":2,"t":"transferred 1.0 GiB of 32.0 GiB (3.13%)"}]""", total: 2);

        var wait = new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromSeconds(1), null, ct);
        var delays = await pve.Time.DriveAsync(wait, MaxPoll, ct);
        var outcome = await wait;

        Assert.False(outcome.Finished);
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.ExitStatus);
        Assert.Equal(TimeSpan.FromSeconds(1), outcome.Elapsed);
        Assert.Equal([100, 200, 500, 200], delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal("transferred 1.0 GiB of 32.0 GiB (3.13%)", outcome.LogTail[^1]);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Wait_PollsAfter100And200Ms_ThenEveryHalfSecond()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn([.. Enumerable.Repeat(Running, 30), Stopped("OK")]);
        pve.On(HttpMethod.Get, LogPath).RespondData("[]", total: 0);

        var wait = new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(5), null, ct);
        var delays = await pve.Time.DriveAsync(wait, TimeSpan.FromSeconds(10), ct);

        Assert.True((await wait).Succeeded);
        int[] expected = [100, 200, .. Enumerable.Repeat(500, 28)];
        Assert.Equal(expected, delays.Select(d => (int)d.TotalMilliseconds));
    }

    /// <summary>Whenever a task ends (early or after minutes), the waiter sees it within half a second.</summary>
    [Theory(Timeout = HangGuard)]
    [InlineData(50)]
    [InlineData(350)]
    [InlineData(1_234)]
    [InlineData(19_999)]
    [InlineData(20_001)]
    [InlineData(95_432)]
    public async Task Wait_NoticesTheEndWithinHalfASecond(int endsAfterMs)
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        var start = pve.Time.GetTimestamp();
        var end = TimeSpan.FromMilliseconds(endsAfterMs);
        pve.On(HttpMethod.Get, StatusPath).Respond(_ => pve.Time.GetElapsedTime(start) >= end ? Stopped("OK")() : Running());
        pve.On(HttpMethod.Get, LogPath).RespondData("[]", total: 0);

        var wait = new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(5), null, ct);
        var delays = await pve.Time.DriveAsync(wait, TimeSpan.FromSeconds(10), ct);
        var outcome = await wait;

        Assert.True(outcome.Succeeded);
        Assert.InRange(outcome.Elapsed - end, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromMilliseconds(500), $"a poll interval of {d.TotalMilliseconds} ms"));
    }

    [Fact(Timeout = HangGuard)]
    public async Task Wait_WithProgress_ReportsEachPollWithNewestLogLine()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn(Running, Running, Stopped("OK"));
        pve.On(HttpMethod.Get, LogPath).RespondInTurn(
            () => PveResponses.Data("""[{"n":1,"t":"starting"}]"""),
            () => PveResponses.Data("""[{"n":2,"t":"50% done"},{"n":3,"t":""}]"""),
            () => PveResponses.Data("""[{"n":4,"t":"TASK OK"}]"""));
        var progress = new RecordingProgress();

        var wait = new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(1), progress, ct);
        await pve.Time.DriveAsync(wait, MaxPoll, ct);
        var outcome = await wait;

        Assert.Equal(
            [(1, "starting", 0), (2, "50% done", 100)],
            progress.Reports.Select(p => (p.Polls, p.LatestLogLine, (int)p.Elapsed.TotalMilliseconds)));
        Assert.All(progress.Reports, p => Assert.Equal(QemuStart, p.Upid));
        Assert.Equal(["50% done", "", "TASK OK"], outcome.LogTail);
        var logQueries = pve.Requests.Where(r => r.Path == RecordedRequest.ApiPrefix + LogPath).Select(r => r.Query);
        Assert.Equal(["start=0&limit=50", "start=1&limit=50", "start=3&limit=50"], logQueries);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Wait_WithLongLog_SkipsToItsTail()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn(Stopped("job errors"));
        pve.On(HttpMethod.Get, LogPath).Respond(request =>
        {
            var query = RecordedRequest.DecodeForm(request.RequestUri!.Query.TrimStart('?')).ToDictionary(p => p.Key, p => int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture));
            var lines = Enumerable.Range(query["start"] + 1, Math.Min(query["limit"], 5000 - query["start"])).Select(n => $$"""{"n":{{n}},"t":"line {{n}}"}""");
            return PveResponses.Json(HttpStatusCode.OK, null, $$"""{"data":[{{string.Join(',', lines)}}],"total":5000}""");
        });

        var outcome = await new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(1), null, ct);

        var logQueries = pve.Requests.Where(r => r.Path == RecordedRequest.ApiPrefix + LogPath).Select(r => r.Query).ToList();
        Assert.Equal(["start=0&limit=50", "start=4980&limit=50"], logQueries);
        Assert.Equal(Enumerable.Range(4981, 20).Select(n => $"line {n}"), outcome.LogTail);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Wait_WhenCancelledWhileWaiting_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pve = new PveMock(time: TimeProvider.System);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        pve.On(HttpMethod.Get, StatusPath).RespondInTurn(Running);
        pve.On(HttpMethod.Get, LogPath).RespondData("[]", total: 0);

        var wait = new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(1), null, cts.Token);
        await pve.Time.NextTimerAsync(ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(1, pve.Count(HttpMethod.Get, StatusPath));
    }

    [Fact]
    public async Task Wait_WithCancelledToken_SendsNothing()
    {
        using var pve = new PveMock(time: TimeProvider.System);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(1), null, cts.Token));

        Assert.Empty(pve.Requests);
    }

    [Fact]
    public async Task Wait_WhenStatusFails_Surfaces()
    {
        using var pve = new PveMock(time: TimeProvider.System);
        pve.On(HttpMethod.Get, StatusPath).RespondStatus(500, "no such task");

        var e = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            new TaskWaiter(pve.Client, pve.Time).WaitAsync(QemuStart, TimeSpan.FromMinutes(1), null, TestContext.Current.CancellationToken));

        Assert.Equal("no such task", e.PveMessage);
    }

    private sealed class RecordingProgress : IProgress<TaskProgress>
    {
        public List<TaskProgress> Reports { get; } = [];

        public void Report(TaskProgress value) => Reports.Add(value);
    }
}
