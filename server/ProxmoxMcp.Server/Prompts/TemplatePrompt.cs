using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;
using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Prompts;

/// <summary>An argument of a <see cref="TemplatePrompt"/>; <paramref name="Check"/> validates and normalises the value (throws McpException).</summary>
public sealed record TemplateArgument(string Name, string Description, bool Required, Func<string, string>? Check = null);

/// <summary>
/// A prompt whose text is built from its arguments by plain code. McpServerPrompt.Create binds a method through
/// reflection (AIFunctionFactory); subclassing McpServerPrompt keeps prompts free of reflection under trimming and AOT.
/// </summary>
public sealed class TemplatePrompt : McpServerPrompt
{
    private readonly IReadOnlyList<TemplateArgument> arguments;
    private readonly Func<IReadOnlyDictionary<string, string>, string> render;

    public TemplatePrompt(string name, string title, string description, IReadOnlyList<TemplateArgument> arguments, Func<IReadOnlyDictionary<string, string>, string> render)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        this.arguments = arguments;
        this.render = render;
        ProtocolPrompt = new Prompt
        {
            Name = name,
            Title = title,
            Description = description,
            Arguments = arguments.Select(a => new PromptArgument { Name = a.Name, Description = a.Description, Required = a.Required }).ToList(),
        };
    }

    public override Prompt ProtocolPrompt { get; }

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var given = request.Params?.Arguments ?? new Dictionary<string, JsonElement>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var text = given.TryGetValue(argument.Name, out var value) ? ValueText(value)?.Trim() : null;
            if (string.IsNullOrEmpty(text))
            {
                if (argument.Required)
                {
                    throw new McpProtocolException($"Prompt {ProtocolPrompt.Name} needs the argument '{argument.Name}': {argument.Description}", McpErrorCode.InvalidParams);
                }

                continue;
            }

            try
            {
                values[argument.Name] = argument.Check is null ? text : argument.Check(text);
            }
            catch (Exception e) when (e is McpException or ArgumentException)
            {
                var reason = e is ProxmoxArgumentException invalid ? invalid.Reason : e.Message;
                throw new McpProtocolException($"Prompt {ProtocolPrompt.Name}, argument '{argument.Name}': {reason}", McpErrorCode.InvalidParams);
            }
        }

        var unknown = given.Keys.Where(k => !arguments.Any(a => a.Name == k)).ToList();
        if (unknown.Count > 0)
        {
            throw new McpProtocolException(
                $"Prompt {ProtocolPrompt.Name} has no argument {string.Join(", ", unknown.Select(u => $"'{u}'"))} (arguments: {string.Join(", ", arguments.Select(a => a.Name))}).",
                McpErrorCode.InvalidParams);
        }

        var rendered = render(values);
        if (request.Services?.GetService(typeof(ServerSettings)) is ServerSettings settings)
        {
            rendered += MissingToolsNote(rendered, settings);
        }

        return ValueTask.FromResult(new GetPromptResult
        {
            Description = ProtocolPrompt.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = rendered } }],
        });
    }

    /// <summary>
    /// Prompts name tools beyond the default profile; when this session does not offer some of them, the model is told
    /// so instead of searching for them.
    /// </summary>
    private static string MissingToolsNote(string text, ServerSettings settings)
    {
        var offered = ToolSelection.Apply(ToolCatalog.All, settings).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = ToolCatalog.All.Select(t => t.Name)
            .Where(n => !offered.Contains(n) && Regex.IsMatch(text, $@"\b{n}\b", RegexOptions.CultureInvariant))
            .ToList();
        return missing.Count == 0
            ? ""
            : $"\n(This session does not offer {string.Join(", ", missing)}: skip those steps and say so, or ask me to enable them " +
              "(server option --tools all).)";
    }

    private static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
