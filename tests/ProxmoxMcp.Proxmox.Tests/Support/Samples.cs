using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>The PVE sample responses in tests/contract/pve-api/samples.</summary>
public static class Samples
{
    public static string Dir => RepoPaths.Combine("tests", "contract", "pve-api", "samples");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Dir, name));

    /// <summary>The <c>data</c> member of a sample, as raw JSON.</summary>
    public static string Data(string name)
    {
        using var document = JsonDocument.Parse(Read(name));
        return document.RootElement.GetProperty("data").GetRawText();
    }

    public static ErrorSample Error(string name)
    {
        using var document = JsonDocument.Parse(Read(name));
        var root = document.RootElement;
        var headers = root.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var body = root.GetProperty("body");
        return new ErrorSample(
            root.GetProperty("status").GetInt32(),
            root.GetProperty("reason").GetString()!,
            headers,
            body.ValueKind == JsonValueKind.Null ? null : body.GetRawText());
    }
}

/// <summary>An <c>error-*.json</c> descriptor.</summary>
public sealed record ErrorSample(int Status, string Reason, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public HttpResponseMessage ToResponse()
    {
        var response = new HttpResponseMessage((HttpStatusCode)Status)
        {
            ReasonPhrase = Reason,
            Content = new ByteArrayContent(Body is null ? [] : Encoding.UTF8.GetBytes(Body)),
        };
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
