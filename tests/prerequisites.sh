#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, and says what it installs:
#   clang and zlib1g-dev  Native AOT publish of the server links with a C toolchain (gcc also works) and zlib
#   binutils              nm: MethodOrderTests read the published server's symbols (usually there with the toolchain)
#   socat                 the service's TCP front end
#   openssl               certificates for the TLS link
#   python3               the PVE schema checkers
#   node, npm             the official TypeScript MCP SDK for tests/contract/mcp/client-check.mjs
#   wine, wine64          bridge/test-wine.sh runs the Windows bridge.exe under wine
#   @anthropic-ai/mcpb    (npm, pinned in release/package.json) packs and validates the Claude Desktop bundle
# Idempotent; quiet when all is present. Installs with apt-get as root, or with sudo; otherwise lists what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
command -v nm >/dev/null 2>&1 || missing+=(binutils)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v wine >/dev/null 2>&1 || missing+=(wine wine64)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "prerequisites: missing ${missing[*]}; install them (apt-get install ${missing[*]}) and rerun" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  echo "prerequisites: installing ${missing[*]} with apt-get${sudo:+ (sudo)}; about a minute the first time" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "prerequisites: installed ${missing[*]}" >&2
fi

if [ ! -d tests/contract/mcp/node_modules/@modelcontextprotocol/sdk ]; then
  echo "prerequisites: installing @modelcontextprotocol/sdk for client-check.mjs (npm install)" >&2
  (cd tests/contract/mcp && npm install --no-audit --no-fund --silent >/dev/null)
fi

if [ ! -x release/node_modules/.bin/mcpb ]; then
  echo "prerequisites: installing @anthropic-ai/mcpb (pinned in release/package.json) for the bundle tests" >&2
  (cd release && npm install --no-audit --no-fund --silent >/dev/null)
fi
