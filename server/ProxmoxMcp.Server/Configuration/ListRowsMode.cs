namespace ProxmoxMcp.Server.Configuration;

/// <summary>
/// Where the rows of a large list page go (get_vms, get_containers, get_cluster_resources, more than 20 rows):
/// clients give their model either the text or the structured content, and a row sent where the model does not read
/// it is paid for on the wire and in the client.
/// </summary>
public enum ListRowsMode
{
    /// <summary>By the client's name where its behaviour is known (Claude Code: structured; Claude Desktop: text); both otherwise.</summary>
    Auto,

    /// <summary>Every row in the text and in the structured content.</summary>
    Both,

    /// <summary>Rows in the text only; the structured content keeps columns and paging, with <c>rows_in_text</c> true.</summary>
    Text,

    /// <summary>Rows in the structured content only; the text keeps the summary line.</summary>
    Structured,
}
