using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxMcp.Server.Hosting.Protocol;

namespace ProxmoxMcp.Server.Tests.Protocol;

public sealed class ProtocolGuardTests : IAsyncDisposable
{
    private readonly Pipe clientToGuard = new();
    private readonly Pipe guardToClient = new();
    private readonly ProtocolGuard guard;
    private readonly StreamReader serverSees;
    private readonly StreamReader clientSees;

    public ProtocolGuardTests()
    {
        guard = new ProtocolGuard(clientToGuard.Reader.AsStream(), guardToClient.Writer.AsStream(), maxLineBytes: 1024, drainTimeout: TimeSpan.FromSeconds(10));
        guard.Start(NullLogger.Instance);
        serverSees = new StreamReader(guard.ServerInput);
        clientSees = new StreamReader(guardToClient.Reader.AsStream());
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task SendAsync(string text) => await clientToGuard.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), Token);

    [Fact]
    public async Task Guard_MessageSplitAcrossWrites_IsForwardedWhole()
    {
        await SendAsync("""{"jsonrpc":"2.0",""");
        await SendAsync("\"id\":1,\"method\":\"ping\"}\r\n");

        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", await serverSees.ReadLineAsync(Token));
    }

    [Fact]
    public async Task Guard_SeveralMessagesInOneWrite_AreForwardedInOrder()
    {
        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");

        Assert.Contains("\"id\":1", await serverSees.ReadLineAsync(Token), StringComparison.Ordinal);
        Assert.Contains("\"id\":2", await serverSees.ReadLineAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guard_LineOverTheLimit_IsRejectedWithItsIdAndTheNextMessageStillWorks()
    {
        await SendAsync("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"pad\":\"" + new string('x', 5000) + "\"},\"id\":77}\n");
        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":78,\"method\":\"ping\"}\n");

        using var reply = JsonDocument.Parse(await clientSees.ReadLineAsync(Token) ?? "");
        Assert.Equal(77, reply.RootElement.GetProperty("id").GetInt32());
        Assert.Equal(-32600, reply.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("\"id\":78", await serverSees.ReadLineAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guard_StdinClosedWithRequestInFlight_WaitsForTheReplyBeforeEndingInput()
    {
        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}\n");
        await clientToGuard.Writer.CompleteAsync();
        Assert.NotNull(await serverSees.ReadLineAsync(Token));

        var endOfInput = serverSees.ReadLineAsync(Token).AsTask();
        await Task.Delay(100, Token);
        Assert.False(endOfInput.IsCompleted, "the server saw EOF while a request was unanswered");

        await guard.ServerOutput.WriteAsync(Encoding.UTF8.GetBytes("{\"result\":{},\"id\":5,\"jsonrpc\":\"2.0\"}\n"), Token);
        Assert.Null(await endOfInput.WaitAsync(TimeSpan.FromSeconds(10), Token));
    }

    [Fact]
    public async Task Guard_ReplyWrittenInPieces_ReachesTheClientAsOneLine()
    {
        await guard.ServerOutput.WriteAsync("{\"result\":{},"u8.ToArray(), Token);
        await guard.ServerOutput.WriteAsync("\"id\":1}"u8.ToArray(), Token);
        await guard.ServerOutput.WriteAsync("\n"u8.ToArray(), Token);

        Assert.Equal("{\"result\":{},\"id\":1}", await clientSees.ReadLineAsync(Token));
    }

    public async ValueTask DisposeAsync()
    {
        await clientToGuard.Writer.CompleteAsync();
        await guard.DisposeAsync();
    }
}
