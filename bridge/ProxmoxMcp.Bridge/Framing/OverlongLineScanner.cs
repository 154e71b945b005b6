using System.Text;
using System.Text.Json;
using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Framing;

/// <summary>
/// Learns the top-level "id" and "method" of a JSON-RPC message fed in pieces, in constant memory, so that an
/// over-long request can still get an error reply. It tracks JSON structure only as far as needed and does not validate.
/// </summary>
internal sealed class OverlongLineScanner
{
    private const int CaptureLimit = 1024;
    private readonly List<byte> capture = [];
    private long length;
    private int depth;
    private bool inString;
    private bool escape;
    private bool expectKey;
    private bool expectValue;
    private bool capturingString;
    private bool capturingKey;
    private bool capturingPrimitive;
    private string? currentKey;
    private JsonRpcId? id;
    private string? method;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        length += chunk.Length;
        foreach (var b in chunk)
        {
            Step(b);
        }
    }

    public OverlongLine Result()
    {
        FinishPrimitive();
        return new OverlongLine(length, id, method);
    }

    private void Step(byte b)
    {
        if (inString)
        {
            if (escape)
            {
                escape = false;
            }
            else if (b == '\\')
            {
                escape = true;
            }
            else if (b == '"')
            {
                inString = false;
                FinishString();
                return;
            }

            if (capturingString && capture.Count < CaptureLimit)
            {
                capture.Add(b);
            }

            return;
        }

        switch (b)
        {
            case (byte)'"':
                inString = true;
                capture.Clear();
                capturingKey = depth == 1 && expectKey;
                capturingString = capturingKey || (depth == 1 && expectValue && currentKey is "id" or "method");
                expectKey = false;
                expectValue = false;
                break;
            case (byte)'{' or (byte)'[':
                if (depth == 0 && b == '{')
                {
                    expectKey = true;
                }

                expectValue = false;
                depth++;
                break;
            case (byte)'}' or (byte)']':
                FinishPrimitive();
                depth--;
                break;
            case (byte)':':
                if (depth == 1)
                {
                    expectValue = true;
                }

                break;
            case (byte)',':
                FinishPrimitive();
                if (depth == 1)
                {
                    expectKey = true;
                    expectValue = false;
                }

                break;
            case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                FinishPrimitive();
                break;
            default:
                if (depth == 1 && expectValue)
                {
                    expectValue = false;
                    capturingPrimitive = currentKey == "id";
                    capture.Clear();
                }

                if (capturingPrimitive && capture.Count < CaptureLimit)
                {
                    capture.Add(b);
                }

                break;
        }
    }

    private void FinishString()
    {
        if (!capturingString)
        {
            return;
        }

        capturingString = false;
        var text = Unescape(capture.ToArray());
        if (capturingKey)
        {
            currentKey = text;
        }
        else if (currentKey == "id" && text is not null)
        {
            id = new JsonRpcId(IsString: true, text);
        }
        else if (currentKey == "method")
        {
            method = text;
        }
    }

    private void FinishPrimitive()
    {
        if (!capturingPrimitive)
        {
            return;
        }

        capturingPrimitive = false;
        var text = Encoding.UTF8.GetString(capture.ToArray());
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-'))
        {
            id = new JsonRpcId(IsString: false, text);
        }
    }

    private static string? Unescape(byte[] raw)
    {
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted, 1);
        try
        {
            var reader = new Utf8JsonReader(quoted);
            reader.Read();
            return reader.GetString();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
