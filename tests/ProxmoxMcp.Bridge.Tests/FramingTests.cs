using System.Text;
using ProxmoxMcp.Bridge.Framing;
using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Tests;

public sealed class FramingTests
{
    /// <summary>Hands out its bytes a few at a time, as a socket may.</summary>
    private sealed class TricklingStream(byte[] data, int chunk) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - position);
            Array.Copy(data, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<List<ReadResult>> ReadAll(string text, int maxLine = 1024, int chunk = 3)
    {
        var reader = new LineReader(new TricklingStream(Encoding.UTF8.GetBytes(text), chunk), maxLine);
        var results = new List<ReadResult>();
        while (true)
        {
            var result = await reader.ReadAsync(CancellationToken.None);
            if (result.Outcome == ReadOutcome.EndOfStream)
            {
                return results;
            }

            results.Add(result);
        }
    }

    [Fact]
    public async Task LineReader_SplitsMessagesArrivingInPiecesAndStripsCr()
    {
        var results = await ReadAll("{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":3}\n");
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], results.Select(r => Encoding.UTF8.GetString(r.Line.Span)));
    }

    [Fact]
    public async Task LineReader_DropsTruncatedTailButKeepsCompleteUnterminatedJson()
    {
        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], (await ReadAll("{\"a\":1}\n{\"b\":2}")).Select(r => Encoding.UTF8.GetString(r.Line.Span)));
        Assert.Equal(["{\"a\":1}"], (await ReadAll("{\"a\":1}\n{\"b\":")).Select(r => Encoding.UTF8.GetString(r.Line.Span)));
    }

    [Fact]
    public async Task LineReader_SkipsOverlongLineAndResumesAtTheNext()
    {
        var overlong = "{\"params\":{\"id\":\"inner\",\"blob\":\"" + new string('x', 5000) + "\"},\"method\":\"tools/call\",\"id\":42}";
        var results = await ReadAll(overlong + "\n{\"ok\":true}\n", maxLine: 1024, chunk: 700);

        Assert.Equal(ReadOutcome.Overlong, results[0].Outcome);
        Assert.Equal(new JsonRpcId(false, "42"), results[0].Overlong!.Id);
        Assert.Equal("tools/call", results[0].Overlong!.Method);
        Assert.Equal(overlong.Length, results[0].Overlong!.Length);
        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(results[1].Line.Span));
    }

    [Fact]
    public async Task LineReader_WhenLinesOutgrowTheBuffer_ReturnsEachWholeAndTheSmallLinesBetween()
    {
        var big = "{\"id\":1,\"result\":\"" + new string('x', 1_000_000) + "\"}";
        var bigger = "{\"id\":2,\"result\":\"" + new string('y', 3_000_000) + "\"}";
        var results = await ReadAll(big + "\n{\"a\":1}\r\n" + bigger + "\n\n{\"b\":2}", maxLine: 4_000_000, chunk: 100_000);

        Assert.Equal([big, "{\"a\":1}", bigger, "{\"b\":2}"], results.Select(r => Encoding.UTF8.GetString(r.Line.Span)));
    }

    [Fact]
    public async Task LineReader_LargeLineStaysIntactWhileTheLinesAfterItAreRead()
    {
        // A large line is handed over in the buffer it was read into: reading on must never write into that buffer.
        var first = "{\"n\":\"" + new string('a', 500_000) + "\"}";
        var second = "{\"n\":\"" + new string('b', 500_000) + "\"}";
        var data = Encoding.UTF8.GetBytes(first + "\n" + second + "\n{\"c\":3}\n");
        var reader = new LineReader(new TricklingStream(data, 70_000), maxLineBytes: 1_000_000);

        var a = await reader.ReadAsync(CancellationToken.None);
        var b = await reader.ReadAsync(CancellationToken.None);
        var c = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(first, Encoding.UTF8.GetString(a.Line.Span));
        Assert.Equal(second, Encoding.UTF8.GetString(b.Line.Span));
        Assert.Equal("{\"c\":3}", Encoding.UTF8.GetString(c.Line.Span));
    }

    [Fact]
    public void OverlongScanner_ReadsEscapedStringIdAndIgnoresNestedIds()
    {
        var scanner = new OverlongLineScanner();
        var text = "{\"result\":{\"id\":\"nested\",\"list\":[{\"id\":1}]},\"id\":\"a\\\"b\"}";
        foreach (var piece in text.Chunk(5))
        {
            scanner.Feed(Encoding.UTF8.GetBytes(piece));
        }

        var line = scanner.Result();
        Assert.Equal(JsonRpcId.String("a\"b"), line.Id);
        Assert.True(line.IsResponse);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Request")]
    [InlineData("{\"method\":\"ping\",\"jsonrpc\":\"2.0\",\"id\":\"x\"}", "Request")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "Notification")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", "Response")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}", "Other")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "Other")]
    [InlineData("not json", "Other")]
    public void JsonRpcMessage_ClassifiesByTopLevelFields(string line, string kind) =>
        Assert.Equal(kind, JsonRpcMessage.Parse(Encoding.UTF8.GetBytes(line)).Kind.ToString());

    [Fact]
    public void Parse_WhenALargeResultComesBeforeTheId_SkipsItAndReadsTheId()
    {
        var line = "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + new string('x', 2_000_000) + "\"}]},\"jsonrpc\":\"2.0\",\"id\":\"big\"}";

        var message = JsonRpcMessage.Parse(Encoding.UTF8.GetBytes(line));

        Assert.Equal(MessageKind.Response, message.Kind);
        Assert.Equal(JsonRpcId.String("big"), message.Id);
        Assert.False(message.IsError);
        Assert.Equal(line.Length, message.Bytes.Length);
    }

    [Fact]
    public void Parse_OfASliceOfALargerBuffer_ReadsOnlyThatSlice()
    {
        var first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        var second = "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-1,\"message\":\"no\"}}";
        var buffer = Encoding.UTF8.GetBytes(first + second + "{\"id\":3,");

        var message = JsonRpcMessage.Parse(buffer.AsMemory(first.Length, second.Length));

        Assert.Equal(MessageKind.Response, message.Kind);
        Assert.Equal(new JsonRpcId(false, "2"), message.Id);
        Assert.True(message.IsError);
        Assert.Equal(second, Encoding.UTF8.GetString(message.Bytes.Span));
    }

    [Fact]
    public void WithId_ReplacesOnlyTheTopLevelId()
    {
        var original = Encoding.UTF8.GetBytes("{\"method\":\"initialize\",\"params\":{\"id\":5},\"jsonrpc\":\"2.0\",\"id\":0}");
        var rewritten = Encoding.UTF8.GetString(JsonRpcBuilder.WithId(original, JsonRpcId.String("mine")));
        Assert.Equal("{\"method\":\"initialize\",\"params\":{\"id\":5},\"jsonrpc\":\"2.0\",\"id\":\"mine\"}", rewritten);
    }
}
