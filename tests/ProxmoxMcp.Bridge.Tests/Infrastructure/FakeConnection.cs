using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

/// <summary>One accepted connection of <see cref="FakeMcpServer"/>: what arrived, and ways to answer, stall or break it.</summary>
internal sealed class FakeConnection
{
    private readonly TcpClient client;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly List<JsonObject> received = [];
    private readonly List<string> receivedRaw = [];
    private readonly object gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeConnection(int number, TcpClient client)
    {
        Number = number;
        this.client = client;
        Stream = client.GetStream();
    }

    public int Number { get; }

    public NetworkStream Stream { get; }

    /// <summary>When set, nothing is answered any more (not even pings): a hung server.</summary>
    public bool Silent { get; set; }

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public IReadOnlyList<string> ReceivedRaw
    {
        get
        {
            lock (gate)
            {
                return [.. receivedRaw];
            }
        }
    }

    public void Record(string line, JsonObject message)
    {
        TaskCompletionSource fired;
        lock (gate)
        {
            receivedRaw.Add(line);
            received.Add(message);
            fired = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    /// <summary>Waits for the first received message that matches.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Step);
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (received.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                wait = changed.Task;
            }

            await wait.WaitAsync(cts.Token);
        }
    }

    public Task<JsonObject> WaitForMethodAsync(string method) => WaitForAsync(m => m.Method() == method);

    public async Task SendAsync(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await writeLock.WaitAsync();
        try
        {
            await Stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Breaks the connection with a reset, as a crashed peer or a dropped network would.</summary>
    public void Abort()
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        client.Dispose();
    }

    /// <summary>Closes the connection cleanly, as an exiting server process would.</summary>
    public void Close() => client.Dispose();
}
