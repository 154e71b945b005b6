using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

internal static class Json
{
    public static JsonObject Parse(string line) =>
        JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { MaxDepth = 4096 })?.AsObject() ?? throw new InvalidOperationException("null JSON");

    public static string Request(object id, string method, JsonObject? @params = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonValue.Create(id), ["method"] = method };
        if (@params is not null)
        {
            message["params"] = @params;
        }

        return message.ToJsonString();
    }

    public static string Notification(string method) => new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method }.ToJsonString();

    public static string Initialize(object id) => Request(id, "initialize", new JsonObject
    {
        ["protocolVersion"] = "2025-06-18",
        ["capabilities"] = new JsonObject(),
        ["clientInfo"] = new JsonObject { ["name"] = "bridge-tests", ["version"] = "1.0" },
    });

    public static string Call(object id, string tool, JsonObject? arguments = null) =>
        Request(id, "tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments ?? new JsonObject() });

    public static string? Method(this JsonObject message) => message["method"]?.GetValue<string>();

    public static string? IdText(this JsonObject message) => message["id"]?.ToJsonString();

    public static bool HasId(this JsonObject message, object id) => message.IdText() == JsonValue.Create(id)!.ToJsonString();

    public static string? ErrorMessage(this JsonObject message) => message["error"]?["message"]?.GetValue<string>();

    public static int? ErrorCode(this JsonObject message) => message["error"]?["code"]?.GetValue<int>();

    public static string? ResultText(this JsonObject message) => message["result"]?["content"]?[0]?["text"]?.GetValue<string>();
}
