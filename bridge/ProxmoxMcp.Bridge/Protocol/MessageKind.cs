namespace ProxmoxMcp.Bridge.Protocol;

internal enum MessageKind
{
    /// <summary>Has a method and a non-null id: expects a reply.</summary>
    Request,

    /// <summary>Has a method and no id.</summary>
    Notification,

    /// <summary>Has a non-null id and no method: a result or an error.</summary>
    Response,

    /// <summary>Anything else (invalid JSON, a batch, a null id): forwarded as is, never tracked.</summary>
    Other,
}
