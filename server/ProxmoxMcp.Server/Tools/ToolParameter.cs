using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Where one parameter of a tool method gets its value at a call: an argument of the call (deserialized with the
/// source-generated contract of its type) or a service of the request, bound as the SDK binds it.
/// </summary>
internal sealed class ToolParameter
{
    private readonly Source source;
    private readonly JsonTypeInfo? json;
    private readonly object? defaultValue;

    private ToolParameter(string name, Source source, JsonTypeInfo? json, bool required, object? defaultValue)
    {
        Name = name;
        this.source = source;
        this.json = json;
        Required = required;
        this.defaultValue = defaultValue;
    }

    private enum Source
    {
        Argument,
        CancellationToken,
        Server,
        Request,
        Services,
        Progress,
    }

    public string Name { get; }

    /// <summary>True for an argument of the call (it appears in the input schema).</summary>
    public bool IsArgument => source == Source.Argument;

    /// <summary>An argument without a default value: the input schema must list it as required.</summary>
    public bool Required { get; }

    /// <summary>How <paramref name="parameter"/> is bound; arguments read their contract from <paramref name="options"/>.</summary>
    public static ToolParameter For(ParameterInfo parameter, JsonSerializerOptions options)
    {
        var type = parameter.ParameterType;
        var name = parameter.Name ?? throw new InvalidOperationException($"A parameter of {parameter.Member.Name} has no name");
        var service = type == typeof(CancellationToken) ? Source.CancellationToken
            : type == typeof(McpServer) ? Source.Server
            : type == typeof(RequestContext<CallToolRequestParams>) ? Source.Request
            : type == typeof(IServiceProvider) ? Source.Services
            : type == typeof(IProgress<ProgressNotificationValue>) ? Source.Progress
            : Source.Argument;
        if (service != Source.Argument)
        {
            return new ToolParameter(name, service, null, required: false, null);
        }

        return new ToolParameter(name, Source.Argument, options.GetTypeInfo(type), !parameter.HasDefaultValue, parameter.HasDefaultValue ? parameter.DefaultValue : null);
    }

    /// <summary>The value of this parameter for <paramref name="request"/>.</summary>
    public object? Bind(RequestContext<CallToolRequestParams> request, string tool, CancellationToken cancellationToken) => source switch
    {
        Source.CancellationToken => cancellationToken,
        Source.Server => request.Server,
        Source.Request => request,
        Source.Services => request.Services,
        Source.Progress => request.Params?.ProgressToken is { } token ? new ToolProgress(request.Server, token) : ToolProgress.None,
        _ => Read(request.Params?.Arguments, tool),
    };

    /// <summary>The value of this argument parameter in <paramref name="arguments"/>, or its default.</summary>
    public object? Read(IDictionary<string, JsonElement>? arguments, string tool)
    {
        if (arguments is not null && arguments.TryGetValue(Name, out var value))
        {
            return value.ValueKind == JsonValueKind.Null ? null : JsonSerializer.Deserialize(value, json!);
        }

        // ToolErrorFilter reports a missing required argument with its description before the call gets here.
        return Required ? throw new ArgumentException($"Missing required argument '{Name}' of {tool}.") : defaultValue;
    }
}
