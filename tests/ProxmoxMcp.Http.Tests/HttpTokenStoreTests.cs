using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpTokenStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pmcp-tokens-").FullName;

    [Fact]
    public void Find_AfterATokenIsAppended_SeesItWithoutRestart()
    {
        var file = Path.Combine(directory, "tokens");
        File.WriteAllText(file, HttpTokenFile.Format("first", "one", false, null, null) + "\n");
        var clock = new FakeTimeProvider();
        var store = HttpTokenStore.Load(file, NullLogger.Instance, clock);
        Assert.Null(store.Find("two"));

        File.AppendAllText(file, HttpTokenFile.Format("second", "two", true, null, null) + "\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("second", store.Find("two")?.Name);
        Assert.Equal("first", store.Find("one")?.Name);
    }

    [Fact]
    public void Find_WhenTheFileBecomesMalformed_AcceptsNoToken()
    {
        var file = Path.Combine(directory, "tokens");
        File.WriteAllText(file, HttpTokenFile.Format("first", "one", false, null, null) + "\n");
        var clock = new FakeTimeProvider();
        var store = HttpTokenStore.Load(file, NullLogger.Instance, clock);

        File.WriteAllText(file, "broken line\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(store.Find("one"));
    }

    [Fact]
    public void Find_AfterALineIsDeleted_RevokesThatToken()
    {
        var file = Path.Combine(directory, "tokens");
        File.WriteAllText(file, HttpTokenFile.Format("first", "one", false, null, null) + "\n" + HttpTokenFile.Format("second", "two", false, null, null) + "\n");
        var clock = new FakeTimeProvider();
        var store = HttpTokenStore.Load(file, NullLogger.Instance, clock);
        Assert.NotNull(store.Find("one"));

        File.WriteAllText(file, HttpTokenFile.Format("second", "two", false, null, null) + "\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(store.Find("one"));
        Assert.NotNull(store.Find("two"));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
