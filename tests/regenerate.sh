#!/usr/bin/env bash
# Rewrites every file derived from the tool declarations (the toolset table in server/ProxmoxMcp.Server/Tools/Toolsets.cs
# and the tool methods): server/ProxmoxMcp.Server/Tools/tools.json, the catalog tools/list is served from, and
# docs/API_REFERENCE.md. The tests comparing them with the code fail, naming this script, whenever they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROXMOX_MCP_REGENERATE=1
class=ProxmoxMcp.Server.Tests.Conventions
# 1. tools.json from the tool methods (schemas generated and compacted).
dotnet test --project tests/ProxmoxMcp.Server.Tests -v:q -- --filter-method "$class.PrecomputedCatalogTests.CommittedCatalog_MatchesWhatTheToolMethodsGenerate" >/dev/null
# 2. tools.json is embedded in the server, so this run rebuilds it; then everything rendered from the catalog.
dotnet test --project tests/ProxmoxMcp.Server.Tests -v:q -- --filter-class "$class.ApiReferenceTests" --filter-class "$class.PrecomputedCatalogTests" >/dev/null
git status --short server/ProxmoxMcp.Server/Tools/tools.json docs/API_REFERENCE.md
