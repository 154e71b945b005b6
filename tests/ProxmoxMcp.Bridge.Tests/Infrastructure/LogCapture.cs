using System.Text;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

/// <summary>The bridge's stderr in memory; tests wait for a line to appear instead of sleeping.</summary>
internal sealed class LogCapture : TextWriter
{
    private readonly StringBuilder text = new();
    private readonly object gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (gate)
            {
                return text.ToString();
            }
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? "");

    public override void WriteLine(string? value) => Append((value ?? "") + "\n");

    public async Task WaitForAsync(string fragment, int occurrences = 1)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Step);
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (Count(text.ToString(), fragment) >= occurrences)
                {
                    return;
                }

                wait = changed.Task;
            }

            try
            {
                await wait.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"log never showed '{fragment}' x{occurrences}:\n{Text}");
            }
        }
    }

    private static int Count(string haystack, string needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private void Append(string value)
    {
        TaskCompletionSource fired;
        lock (gate)
        {
            text.Append(value);
            fired = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }
}
