using System.Reflection;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// A tool method bound to its catalog entry: the call's arguments go to the method's parameters by name, services as
/// the SDK binds them, and the <see cref="CallToolResult"/> the method returns is the reply. Replaces
/// <c>McpServerTool.Create</c> at run time, which generated both schemas again (tools.json has them) and read much
/// of the binary's reflection metadata on the first call of every process.
/// </summary>
internal sealed class ToolMethod
{
    private readonly MethodInfo method;
    private readonly Func<IServiceProvider, object> target;
    private readonly ToolParameter[] parameters;
    private readonly string tool;
    private readonly Lazy<IReadOnlyList<object>> metadata;

    private ToolMethod(MethodInfo method, Func<IServiceProvider, object> target, ToolParameter[] parameters, string tool)
    {
        this.method = method;
        this.target = target;
        this.parameters = parameters;
        this.tool = tool;
        metadata = new(() => [method, .. method.DeclaringType!.GetCustomAttributes(), .. method.GetCustomAttributes()]);
    }

    /// <summary>The method, then the attributes of its class and its own, as the SDK lists them.</summary>
    public IReadOnlyList<object> Metadata => metadata.Value;

    /// <summary>
    /// Binds <paramref name="method"/> to <paramref name="tool"/>'s input schema. Throws when they disagree (an
    /// argument the schema does not list, a required flag that differs, a return type other than a CallToolResult):
    /// tools.json is stale, or the method needs a binding this class does not do.
    /// </summary>
    public static ToolMethod Bind(MethodInfo method, Func<IServiceProvider, object> target, Tool tool)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(tool);
        if (method.ReturnType != typeof(CallToolResult) && method.ReturnType != typeof(Task<CallToolResult>))
        {
            throw Mismatch(tool, $"{method.Name} returns {method.ReturnType.Name}; tool methods return CallToolResult or Task<CallToolResult>");
        }

        var parameters = method.GetParameters().Select(p => ToolParameter.For(p, ToolJsonContext.ToolSerializerOptions)).ToArray();
        var schema = tool.InputSchema;
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().Select(x => x.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var parameter in parameters.Where(x => x.IsArgument))
        {
            if (!properties.Remove(parameter.Name))
            {
                throw Mismatch(tool, $"argument '{parameter.Name}' of {method.Name} is not in the input schema");
            }

            if (parameter.Required != required.Contains(parameter.Name))
            {
                throw Mismatch(tool, $"argument '{parameter.Name}' of {method.Name} is {(parameter.Required ? "" : "not ")}required, the input schema says otherwise");
            }
        }

        // dry_run is taken off the arguments by DryRunFilter before the call reaches the tool.
        properties.Remove(DryRun.DryRunFilter.Argument);
        if (properties.Count > 0)
        {
            throw Mismatch(tool, $"the input schema lists {string.Join(", ", properties)}, which {method.Name} does not take");
        }

        return new ToolMethod(method, target, parameters, tool.Name);
    }

    public async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var instance = target(request.Services ?? throw new InvalidOperationException($"The call of {tool} has no services"));
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = parameters[i].Bind(request, tool, cancellationToken);
        }

        // DoNotWrapExceptions: what the method throws reaches ToolErrorFilter as is, not as a TargetInvocationException.
        return method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null) switch
        {
            Task<CallToolResult> pending => await pending.ConfigureAwait(false),
            CallToolResult result => result,
            var other => throw new InvalidOperationException($"{tool} returned {other?.GetType().Name ?? "null"} instead of a CallToolResult"),
        };
    }

    /// <summary>The values the call's <paramref name="arguments"/> give the method's argument parameters, by name (for tests).</summary>
    internal IReadOnlyDictionary<string, object?> BindArguments(IDictionary<string, JsonElement>? arguments) =>
        parameters.Where(p => p.IsArgument).ToDictionary(p => p.Name, p => p.Read(arguments, tool), StringComparer.Ordinal);

    private static InvalidOperationException Mismatch(Tool tool, string what) =>
        new($"Tool '{tool.Name}': {what}. Run tests/regenerate.sh if the method changed.");
}
