namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>Settings that cannot work (a missing file, a wrong password); the bridge exits with code 2 and this message.</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
