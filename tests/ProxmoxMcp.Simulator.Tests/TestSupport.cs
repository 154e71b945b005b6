using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace ProxmoxMcp.Simulator.Tests;

/// <summary>A simulated cluster on a fake clock with request helpers (admin token unless told otherwise).</summary>
internal sealed class Sim : IDisposable
{
    public static readonly TimeSpan TaskTime = TimeSpan.FromMilliseconds(100);

    public Sim(SimulatorOptions? options = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.Zero));
        Cluster = new SimulatedCluster((options ?? new SimulatorOptions()) with { Time = Time, TaskDuration = options?.TaskDuration ?? TaskTime });
    }

    public FakeTimeProvider Time { get; }

    public SimulatedCluster Cluster { get; }

    public string Authorization { get; set; } = SimulatedCredentials.AdminAuthorizationHeader;

    public static IReadOnlyDictionary<string, string> Auth(string authorization) =>
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = authorization };

    public Task<SimulatedResponse> Send(string method, string path, (string Key, string Value)[]? query = null, (string Key, string Value)[]? form = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is null)
        {
            h["Authorization"] = Authorization;
        }
        else
        {
            foreach (var kv in headers)
            {
                h[kv.Key] = kv.Value;
            }
        }

        var req = SimulatedRequest.Create(method, path,
            query?.Select(q => new KeyValuePair<string, string>(q.Key, q.Value)),
            form?.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), h);
        return Cluster.HandleAsync(req, CancellationToken.None);
    }

    public Task<SimulatedResponse> Get(string path, params (string, string)[] query) => Send("GET", path, query);

    public Task<SimulatedResponse> Post(string path, params (string, string)[] form) => Send("POST", path, null, form);

    public Task<SimulatedResponse> Put(string path, params (string, string)[] form) => Send("PUT", path, null, form);

    public Task<SimulatedResponse> Delete(string path, params (string, string)[] query) => Send("DELETE", path, query);

    /// <summary>POST/PUT/DELETE that must return a UPID.</summary>
    public async Task<string> StartTask(string method, string path, params (string, string)[] args)
    {
        var r = method == "DELETE" ? await Send(method, path, args) : await Send(method, path, null, args);
        Assert.True(r.Status == 200, $"{method} {path} -> {r.Status} {r.ReasonPhrase} {r.BodyText}");
        var upid = r.Data!.GetValue<string>();
        Assert.StartsWith("UPID:", upid);
        return upid;
    }

    /// <summary>Advance the fake clock past the task duration and return the finished task's status object.</summary>
    public async Task<JsonObject> Finish(string upid)
    {
        Time.Advance(TaskTime + TimeSpan.FromMilliseconds(1));
        return await TaskStatus(upid);
    }

    public async Task<JsonObject> TaskStatus(string upid)
    {
        var node = upid.Split(':')[1];
        var r = await Get($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status");
        Assert.Equal(200, r.Status);
        return r.Data!.AsObject();
    }

    public async Task<string> RunOk(string method, string path, params (string, string)[] args)
    {
        var upid = await StartTask(method, path, args);
        var status = await Finish(upid);
        Assert.Equal("stopped", (string?)status["status"]);
        Assert.True((string?)status["exitstatus"] == "OK", $"task {upid} ended with '{status["exitstatus"]}'");
        return upid;
    }

    public GuestInfo Guest(int vmid)
    {
        Assert.True(Cluster.TryGetGuest(vmid, out var g), $"guest {vmid} missing");
        return g;
    }

    public void Dispose() => Cluster.Dispose();
}

internal static class Repo
{
    /// <summary>The directory holding ProxmoxMcp.sln, found by walking up from the test binaries.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProxmoxMcp.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("ProxmoxMcp.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ContractDir => Path.Combine(Root, "tests", "contract", "pve-api");

    public static (int ExitCode, string Output) Python(params string[] args)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
