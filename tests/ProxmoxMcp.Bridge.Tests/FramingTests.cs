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
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], results.Select(r => Encoding.UTF8.GetString(r.Line!)));
    }

    [Fact]
    public async Task LineReader_DropsTruncatedTailButKeepsCompleteUnterminatedJson()
    {
        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], (await ReadAll("{\"a\":1}\n{\"b\":2}")).Select(r => Encoding.UTF8.GetString(r.Line!)));
        Assert.Equal(["{\"a\":1}"], (await ReadAll("{\"a\":1}\n{\"b\":")).Select(r => Encoding.UTF8.GetString(r.Line!)));
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
        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(results[1].Line!));
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
    public void WithId_ReplacesOnlyTheTopLevelId()
    {
        var original = Encoding.UTF8.GetBytes("{\"method\":\"initialize\",\"params\":{\"id\":5},\"jsonrpc\":\"2.0\",\"id\":0}");
        var rewritten = Encoding.UTF8.GetString(JsonRpcBuilder.WithId(original, JsonRpcId.String("mine")));
        Assert.Equal("{\"method\":\"initialize\",\"params\":{\"id\":5},\"jsonrpc\":\"2.0\",\"id\":\"mine\"}", rewritten);
    }
}
