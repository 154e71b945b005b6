using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
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
    private readonly Func<IServiceProvider, object> target;

    private Toolset(string name, string summary, IJsonTypeInfoResolver? json, Func<IEnumerable<MethodInfo>> methods,
        Func<MethodInfo, McpServerTool> create, Func<IServiceProvider, object> target, Action<IServiceCollection> register)
    {
        Name = name;
        Summary = summary;
        Json = json;
        this.methods = methods;
        this.create = create;
        this.target = target;
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
            services => services.GetRequiredService<T>(),
            services => services.AddTransient<T>());

    /// <summary>
    /// The tool methods, by tool name, each with a factory that builds the SDK tool (schema generation: slow, so lazy).
    /// Only tools.json is generated from SDK tools (tests/regenerate.sh); calls go through <see cref="Bind"/>.
    /// </summary>
    internal IEnumerable<(string Name, bool InDefaultProfile, Func<McpServerTool> Create)> Tools() =>
        methods().Select(m => (
            m.GetCustomAttribute<McpServerToolAttribute>()!.Name!,
            m.GetCustomAttribute<DefaultProfileAttribute>() is not null,
            (Func<McpServerTool>)(() => create(m))));

    /// <summary>
    /// Binds the method of <paramref name="tool"/> (found by its name) to the tool's catalog entry. Reads the tool
    /// attributes only now: reflection over custom attributes is slow under Native AOT, and start-up needs none of it.
    /// </summary>
    internal ToolMethod Bind(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var method = methods().FirstOrDefault(m => m.GetCustomAttribute<McpServerToolAttribute>()!.Name == tool.Name)
            ?? throw new InvalidOperationException($"tools.json names '{tool.Name}' in toolset '{Name}', which has no such tool method: run tests/regenerate.sh");
        return ToolMethod.Bind(method, target, tool);
    }
}
