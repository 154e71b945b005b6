namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>One bridge setting: its command-line option, the environment variable behind it, and its help text.</summary>
internal sealed record OptionSpec(string Name, string EnvironmentVariable, string HelpName, string Description, bool IsFlag = false);
