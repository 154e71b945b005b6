using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// A named set of tools declared by one class: its methods carrying <see cref="McpServerToolAttribute"/> are the
/// tools, <see cref="Json"/> is the source-generated context of their outputs. Declared once in <see cref="Toolsets"/>.
/// </summary>
public sealed class Toolset
{
    private readonly Func<IEnumerable<MethodInfo>> methods;
    private readonly Func<MethodInfo, McpServerTool> create;

    private Toolset(string name, string summary, IJsonTypeInfoResolver? json, Func<IEnumerable<MethodInfo>> methods,
        Func<MethodInfo, McpServerTool> create, Action<IServiceCollection> register)
    {
        Name = name;
        Summary = summary;
        Json = json;
        this.methods = methods;
        this.create = create;
        Register = register;
    }

    /// <summary>The name --tools and PROXMOX_MCP_TOOLS accept.</summary>
    public string Name { get; }

    /// <summary>One line for docs and help.</summary>
    public string Summary { get; }

    public IJsonTypeInfoResolver? Json { get; }

    /// <summary>Registers the tool class, which tool calls resolve from the request's services.</summary>
    public Action<IServiceCollection> Register { get; }

    public static Toolset Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        string name, string summary, IJsonTypeInfoResolver? json = null)
        where T : class =>
        new(
            name,
            summary,
            json,
            () => typeof(T).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null),
            method => McpServerTool.Create(
                method,
                context => context.Services!.GetRequiredService<T>(),
                new McpServerToolCreateOptions
                {
                    SerializerOptions = ToolJsonContext.ToolSerializerOptions,
                    SchemaCreateOptions = Microsoft.Extensions.AI.AIJsonSchemaCreateOptions.Default with { TransformSchemaNode = Infrastructure.ListRowSchema.Transform },
                }),
            services => services.AddTransient<T>());

    /// <summary>The tool methods, by tool name, each with a factory that builds the SDK tool (schema generation: slow, so lazy).</summary>
    internal IEnumerable<(string Name, bool InDefaultProfile, Func<McpServerTool> Create)> Tools() =>
        methods().Select(m => (
            m.GetCustomAttribute<McpServerToolAttribute>()!.Name!,
            m.GetCustomAttribute<DefaultProfileAttribute>() is not null,
            (Func<McpServerTool>)(() => create(m))));

    /// <summary>
    /// Builds the SDK tool of the named method. Reads the tool attributes only now: reflection over custom attributes is
    /// slow under Native AOT, and start-up (tools.json) needs none of it.
    /// </summary>
    internal McpServerTool Create(string toolName) =>
        Tools().FirstOrDefault(t => t.Name.Equals(toolName, StringComparison.Ordinal)).Create?.Invoke()
            ?? throw new InvalidOperationException($"tools.json names '{toolName}' in toolset '{Name}', which has no such tool method: run tests/regenerate.sh");
}
