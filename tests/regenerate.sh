#!/usr/bin/env bash
# Rewrites every file derived from the tool declarations (the toolset table in server/ProxmoxMcp.Server/Tools/Toolsets.cs
# and the tool methods): server/ProxmoxMcp.Server/Tools/tools.json, the catalog tools/list is served from,
# server/ProxmoxMcp.Server/Tools/Api/pve-api.json.gz, the API tools' catalog from tests/contract/pve-api, and docs/API_REFERENCE.md. The tests comparing them with the code fail, naming this script, whenever they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROXMOX_MCP_REGENERATE=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() { dotnet test --project tests/ProxmoxMcp.Server.Tests -v:q -- "$@" >"$log" 2>&1 || { cat "$log"; echo "regenerate: failed (above)" >&2; exit 1; }; }
class=ProxmoxMcp.Server.Tests.Conventions
# 1. tools.json from the tool methods (schemas generated and compacted); pve-api.json.gz from the official schema.
run \
  --filter-method "$class.PrecomputedCatalogTests.CommittedCatalog_MatchesWhatTheToolMethodsGenerate" \
  --filter-method "ProxmoxMcp.Server.Tests.Api.ApiCatalogTests.EmbeddedApiCatalog_IsGeneratedFromTheOfficialSchema"
# 2. tools.json is embedded in the server, so this run rebuilds it; then everything rendered from the catalog.
run --filter-class "$class.ApiReferenceTests" --filter-class "$class.PrecomputedCatalogTests" --filter-class "ProxmoxMcp.Server.Tests.Api.ApiCatalogTests"
git status --short server/ProxmoxMcp.Server/Tools/tools.json server/ProxmoxMcp.Server/Tools/Api/pve-api.json.gz docs/API_REFERENCE.md
