namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>A tool's structured result that also knows its compact text rendering for the model.</summary>
public interface IToolOutput
{
    /// <summary>A few lines a model reads at a glance: no JSON, no pretty-printing, nothing it did not ask for.</summary>
    string ToText();
}
