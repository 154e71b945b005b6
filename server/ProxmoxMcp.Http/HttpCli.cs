using System.CommandLine;
using ProxmoxMcp.Server.CommandLine;

namespace ProxmoxMcp.Http;

/// <summary>
/// The command line of proxmox-mcp-http: `--http ADDRESS` and every setting option of proxmox-mcp, so that
/// `proxmox-mcp serve --http ADDRESS ...` hands its arguments on unchanged.
/// </summary>
public static class HttpCli
{
    public static RootCommand Create()
    {
        var settings = new SettingOptions();
        var http = new Option<string>("--http")
        {
            Description = "Serve MCP over Streamable HTTP at this address: IP:PORT, [IPv6]:PORT, localhost:PORT or *:PORT.",
            Required = true,
        };
        var root = new RootCommand(
            "Proxmox VE MCP server over Streamable HTTP (what `proxmox-mcp serve --http ADDRESS` runs): one long-lived process, one MCP " +
            "session per client, bearer tokens from a file of hashes (proxmox-mcp http-token add), TLS except on loopback.") { http };
        foreach (var option in settings.All.Concat(settings.Http))
        {
            root.Options.Add(option);
        }

        root.SetAction((parse, cancellationToken) => HttpServeCommand.RunAsync(settings.Load(parse), parse.GetValue(http)!, cancellationToken));
        return root;
    }
}
