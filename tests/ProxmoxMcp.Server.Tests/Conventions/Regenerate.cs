namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>The files derived from the tool declarations are rewritten by tests/regenerate.sh, which sets this variable.</summary>
internal static class Regenerate
{
    public const string Variable = "PROXMOX_MCP_REGENERATE";

    public const string Hint = "run tests/regenerate.sh (it rewrites server/ProxmoxMcp.Server/Tools/tools.json, Tools/Api/pve-api.json.gz and docs/API_REFERENCE.md), review the diff and commit it.";
}
