#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: socat (the service's TCP front end),
# openssl (certificates for the TLS link), python3 (the PVE schema checkers) and the official
# TypeScript MCP SDK for tests/contract/mcp/client-check.mjs. Idempotent; quiet when all is present.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "prerequisites: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    echo "prerequisites: installing ${missing[*]} with sudo" >&2
    sudo apt-get update -qq >/dev/null
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "prerequisites: missing ${missing[*]}; install them (apt-get install ${missing[*]}) and rerun" >&2
    exit 1
  fi
fi

if [ ! -d tests/contract/mcp/node_modules/@modelcontextprotocol/sdk ]; then
  echo "prerequisites: installing @modelcontextprotocol/sdk for client-check.mjs" >&2
  (cd tests/contract/mcp && npm install --no-audit --no-fund --silent >/dev/null)
fi
