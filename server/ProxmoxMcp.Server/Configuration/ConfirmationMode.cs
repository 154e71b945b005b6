namespace ProxmoxMcp.Server.Configuration;

/// <summary>How destructive tools get the user's consent.</summary>
public enum ConfirmationMode
{
    /// <summary>Ask through MCP elicitation when the client supports it, else require the confirm argument.</summary>
    Auto,

    /// <summary>Always require the confirm argument repeating the target.</summary>
    Argument,
}
