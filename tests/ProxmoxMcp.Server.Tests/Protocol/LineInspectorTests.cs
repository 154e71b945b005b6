using System.Text;
using ProxmoxMcp.Server.Hosting.Protocol;

namespace ProxmoxMcp.Server.Tests.Protocol;

public class LineInspectorTests
{
    private static LineVerdict Inspect(string line) => LineInspector.Inspect(Encoding.UTF8.GetBytes(line));

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", "1")]
    [InlineData("""{"jsonrpc":"2.0","id":"a","method":"tools/list"}""", "\"a\"")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", null)]
    [InlineData("""{"jsonrpc":"2.0","id":3,"result":{}}""", null)]
    public void Inspect_WellFormedMessage_IsForwarded(string line, string? requestId)
    {
        var verdict = Inspect(line);

        Assert.True(verdict.Forward);
        Assert.Equal(requestId, verdict.RequestId);
    }

    [Theory]
    [InlineData("not json", -32700)]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", -32600)]
    [InlineData("42", -32600)]
    [InlineData("""{"hello":1}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"ping"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}""", -32600)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"x"}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":5}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_nodes","arguments":[1]}}""", -32602)]
    public void Inspect_MalformedMessage_IsAnsweredWithTheSpecCode(string line, int code)
    {
        var verdict = Inspect(line);

        Assert.False(verdict.Forward);
        Assert.Equal(code, verdict.ErrorCode);
    }

    [Fact]
    public void Inspect_InvalidUtf8_IsAParseErrorThatKeepsTheId()
    {
        byte[] line = [.. """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":" """u8, 0xFF, 0xFE, .. """ "}}"""u8];

        var verdict = LineInspector.Inspect(line);

        Assert.False(verdict.Forward);
        Assert.Equal(-32700, verdict.ErrorCode);
        Assert.Equal("9", verdict.RequestId);
    }

    [Fact]
    public void Inspect_BrokenJsonWithAnId_AnswersThatId()
    {
        var verdict = Inspect("""{"jsonrpc":"2.0","id":"req-7","method":"ping",""");

        Assert.Equal(-32700, verdict.ErrorCode);
        Assert.Equal("\"req-7\"", verdict.RequestId);
    }

    [Fact]
    public void Inspect_NotificationWithBadParams_IsDroppedWithoutReply()
    {
        var verdict = Inspect("""{"jsonrpc":"2.0","method":"notifications/progress","params":5}""");

        Assert.False(verdict.Forward);
        Assert.Equal(0, verdict.ErrorCode);
    }

    [Fact]
    public void Inspect_Cancellation_NamesTheCancelledRequest()
    {
        var verdict = Inspect("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":12,"reason":"user"}}""");

        Assert.True(verdict.Forward);
        Assert.Equal("12", verdict.CancelledId);
    }
}
