using System.Text.Json;

namespace ProxmoxMcp.Bridge.Protocol;

/// <summary>A JSON-RPC id: a string, or a number kept as its exact JSON text so it can be echoed back unchanged.</summary>
internal readonly record struct JsonRpcId(bool IsString, string Value)
{
    public static JsonRpcId String(string value) => new(true, value);

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (IsString)
        {
            writer.WriteStringValue(Value);
        }
        else
        {
            writer.WriteRawValue(Value, skipInputValidation: true);
        }
    }

    public override string ToString() => IsString ? $"\"{Value}\"" : Value;
}
