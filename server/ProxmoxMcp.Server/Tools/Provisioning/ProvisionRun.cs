using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Polly.Timeout;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Provisioning;

/// <summary>
/// One provisioning run: its steps in order, each announced as a progress notification; a step that fails stops the
/// run and is reported with what was already done (nothing is rolled back: the model decides with the user).
/// </summary>
public sealed class ProvisionRun(IProgress<ProgressNotificationValue>? progress, TaskRunner tasks, ProxmoxErrorTranslator translator)
{
    private int step;

    public List<string> Done { get; } = [];

    public string? FailedStep { get; private set; }

    public string? Error { get; private set; }

    public bool Failed => FailedStep is not null;

    /// <summary>Runs a step unless an earlier one failed; the action returns what it did (for the report) or null.</summary>
    public async Task StepAsync(string name, Func<Task<string?>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Failed)
        {
            return;
        }

        Report(name);
        try
        {
            if (await action() is { } done)
            {
                Done.Add(done);
            }
        }
        catch (Exception ex) when (ex is ProxmoxApiException or ProxmoxArgumentException or HttpRequestException or TimeoutRejectedException or McpException)
        {
            FailedStep = name;
            Error = (await translator.DescribeAsync(ex, null, cancellationToken) ?? ex.Message).TrimEnd('.');
        }
    }

    /// <summary>A progress line within the current step (e.g. while waiting for the guest agent).</summary>
    public void Report(string message) =>
        progress?.Report(new ProgressNotificationValue { Progress = ++step, Message = message });

    /// <summary>Waits for a task the step started; throws with PVE's exit status when it failed or did not finish in time.</summary>
    public async Task WaitAsync(Upid? upid, CancellationToken cancellationToken)
    {
        if (upid is null)
        {
            return;
        }

        var outcome = await tasks.WaitAsync(upid, null, null, cancellationToken);
        if (!outcome.Finished)
        {
            throw new McpException($"the task {upid.Text} was still running after {Format.Seconds(outcome.Elapsed)} (it goes on; wait_for_task follows it)");
        }

        if (!outcome.Succeeded)
        {
            throw new McpException(outcome.ExitStatus ?? "the task failed");
        }
    }
}
