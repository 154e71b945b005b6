namespace ProxmoxMcp.Proxmox;

/// <summary>
/// PVE answered with an error status. PVE puts its error text in the HTTP reason phrase; PVE 8.3+ repeats it in
/// the body's <c>message</c>, and parameter errors come with a per-parameter <c>errors</c> map.
/// </summary>
public sealed class ProxmoxApiException : Exception
{
    public ProxmoxApiException()
    {
        Method = "";
        Path = "";
        Errors = new Dictionary<string, string>();
    }

    public ProxmoxApiException(string message)
        : base(message)
    {
        Method = "";
        Path = "";
        Errors = new Dictionary<string, string>();
    }

    public ProxmoxApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "";
        Path = "";
        Errors = new Dictionary<string, string>();
    }

    public ProxmoxApiException(
        int statusCode, string? reasonPhrase, string? bodyMessage, IReadOnlyDictionary<string, string> errors, string method, string path)
        : base(Compose(statusCode, reasonPhrase, bodyMessage, errors, method, path))
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        BodyMessage = bodyMessage;
        Errors = errors;
        Method = method;
        Path = path;
    }

    public int StatusCode { get; }

    public string? ReasonPhrase { get; }

    /// <summary>The body's <c>message</c> (PVE 8.3+), trimmed.</summary>
    public string? BodyMessage { get; }

    /// <summary>Parameter name to PVE's complaint, for 400 "Parameter verification failed."</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    public string Method { get; }

    /// <summary>The request path below /api2/json, as sent (escaped).</summary>
    public string Path { get; }

    /// <summary>PVE's error text: the body message when present (it is complete), else the reason phrase.</summary>
    public string PveMessage => (string.IsNullOrWhiteSpace(BodyMessage) ? ReasonPhrase : BodyMessage)?.Trim() ?? "";

    private static string Compose(
        int status, string? reason, string? bodyMessage, IReadOnlyDictionary<string, string> errors, string method, string path)
    {
        var text = (string.IsNullOrWhiteSpace(bodyMessage) ? reason : bodyMessage)?.Trim();
        var details = errors.Count == 0 ? "" : " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Trim()}")) + ")";
        return $"{method} {path} failed with HTTP {status}: {text}{details}";
    }
}
