using ProxmoxMcp.Bridge.Logging;

namespace ProxmoxMcp.Bridge.Configuration;

/// <summary>
/// Turns command-line values and environment variables into <see cref="BridgeSettings"/>: an option given on the
/// command line wins over its environment variable, which wins over the default. Every problem is reported, not just the first.
/// </summary>
internal sealed class SettingsResolver
{
    private readonly Func<OptionSpec, string?> commandLine;
    private readonly Func<string, string?> environment;
    private readonly List<string> errors = [];

    private SettingsResolver(Func<OptionSpec, string?> commandLine, Func<string, string?> environment)
    {
        this.commandLine = commandLine;
        this.environment = environment;
    }

    /// <param name="commandLine">The text given for an option on the command line ("true" for a flag), or null.</param>
    /// <param name="environment">Reads an environment variable.</param>
    public static (BridgeSettings? Settings, IReadOnlyList<string> Errors) Resolve(
        Func<OptionSpec, string?> commandLine, Func<string, string?> environment)
    {
        var resolver = new SettingsResolver(commandLine, environment);
        var settings = resolver.Build();
        return resolver.errors.Count == 0 ? (settings, []) : (null, resolver.errors);
    }

    private BridgeSettings? Build()
    {
        var defaults = new BridgeSettings { Host = "" };
        var host = Text(BridgeOptions.Host);
        if (string.IsNullOrWhiteSpace(host))
        {
            errors.Add($"no server given: pass {BridgeOptions.Host.Name} NAME or set {BridgeOptions.Host.EnvironmentVariable}");
        }

        var settings = new BridgeSettings
        {
            Host = host?.Trim() ?? "",
            Port = Parse(BridgeOptions.Port, defaults.Port, (string s, out int v) => int.TryParse(s, out v) && v is > 0 and < 65536, "a TCP port (1-65535)"),
            ConnectTimeout = Duration(BridgeOptions.ConnectTimeout, defaults.ConnectTimeout, allowZero: false),
            MaxRetries = Parse(BridgeOptions.MaxRetries, defaults.MaxRetries, ValueParsers.TryParseRetries, "a count of 1 or more, or 'unlimited'"),
            MaxBackoff = Duration(BridgeOptions.MaxBackoff, defaults.MaxBackoff, allowZero: false),
            QueueMaxMessages = Parse(BridgeOptions.QueueMaxMessages, defaults.QueueMaxMessages, (string s, out int v) => int.TryParse(s, out v) && v > 0, "a positive count"),
            QueueMaxBytes = Size(BridgeOptions.QueueMaxBytes, defaults.QueueMaxBytes, 1, long.MaxValue),
            QueueDeadline = Duration(BridgeOptions.QueueDeadline, defaults.QueueDeadline, allowZero: false),
            IdlePing = Duration(BridgeOptions.IdlePing, defaults.IdlePing, allowZero: true),
            PingTimeout = Duration(BridgeOptions.PingTimeout, defaults.PingTimeout, allowZero: false),
            MaxMessageBytes = (int)Size(BridgeOptions.MaxMessageSize, defaults.MaxMessageBytes, 1024, 1L << 30),
            DrainTimeout = Duration(BridgeOptions.DrainTimeout, defaults.DrainTimeout, allowZero: true),
            LogLevel = Parse(BridgeOptions.LogLevel, defaults.LogLevel, (string s, out LogLevel v) => ValueParsers.TryParseLogLevel(s, out v), "trace, debug, info, warn, error or none"),
            LogFile = Text(BridgeOptions.LogFile),
        };
        settings = settings with { Tls = BuildTls(settings.Host) };
        if (settings.LogFile is { } logFile && Path.GetDirectoryName(Path.GetFullPath(logFile)) is { } dir && !Directory.Exists(dir))
        {
            errors.Add($"{Source(BridgeOptions.LogFile)}: folder '{dir}' does not exist");
        }

        return settings;
    }

    private TlsSettings? BuildTls(string host)
    {
        var caFile = ExistingFile(BridgeOptions.CaFile);
        var clientCert = ExistingFile(BridgeOptions.ClientCert);
        var clientKey = ExistingFile(BridgeOptions.ClientKey);
        var password = Text(BridgeOptions.ClientCertPassword);
        var serverName = Text(BridgeOptions.ServerName);
        string? fingerprint = null;
        if (Text(BridgeOptions.ServerFingerprint) is { } pin)
        {
            if (ValueParsers.TryParseFingerprint(pin, out var hex))
            {
                fingerprint = hex;
            }
            else
            {
                errors.Add($"{Source(BridgeOptions.ServerFingerprint)}: '{pin}' is not a SHA-256 fingerprint (64 hex digits, colons optional)");
            }
        }

        var tls = Parse(BridgeOptions.Tls, false, ValueParsers.TryParseFlag, "true or false")
            || caFile is not null || clientCert is not null || Text(BridgeOptions.ServerFingerprint) is not null;
        if (clientKey is not null && clientCert is null)
        {
            errors.Add($"{Source(BridgeOptions.ClientKey)} needs {BridgeOptions.ClientCert.Name}");
        }

        if (!tls)
        {
            return null;
        }

        return new TlsSettings
        {
            ServerName = string.IsNullOrWhiteSpace(serverName) ? host : serverName.Trim(),
            CaFile = caFile,
            ServerFingerprint = fingerprint,
            ClientCertificateFile = clientCert,
            ClientKeyFile = clientKey,
            ClientCertificatePassword = password,
        };
    }

    private delegate bool TryParse<T>(string text, out T value);

    private string? Text(OptionSpec spec) =>
        commandLine(spec) ?? (environment(spec.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    /// <summary>Names where a value came from, without echoing it (it may be a password).</summary>
    private string Source(OptionSpec spec) => commandLine(spec) is not null ? spec.Name : spec.EnvironmentVariable;

    private T Parse<T>(OptionSpec spec, T fallback, TryParse<T> tryParse, string expected)
    {
        if (Text(spec) is not { } text)
        {
            return fallback;
        }

        if (tryParse(text.Trim(), out var value))
        {
            return value;
        }

        errors.Add($"{Source(spec)}: '{text}' is not {expected}");
        return fallback;
    }

    private TimeSpan Duration(OptionSpec spec, TimeSpan fallback, bool allowZero) =>
        Parse(spec, fallback, (string s, out TimeSpan v) => ValueParsers.TryParseDuration(s, out v) && (allowZero || v > TimeSpan.Zero),
            allowZero ? "a duration (e.g. 30s, 500ms, 2m; 0 to turn off)" : "a positive duration (e.g. 30s, 500ms, 2m)");

    private long Size(OptionSpec spec, long fallback, long min, long max) =>
        Parse(spec, fallback, (string s, out long v) => ValueParsers.TryParseSize(s, out v) && v >= min && v <= max,
            $"a size between {min} and {max} bytes (suffixes K, M, G: powers of 1024)");

    private string? ExistingFile(OptionSpec spec)
    {
        if (Text(spec) is not { } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            errors.Add($"{Source(spec)}: file '{path}' does not exist");
        }

        return path;
    }
}
