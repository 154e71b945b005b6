#!/usr/bin/env bash
# One command for a release, into artifacts/release/:
#   proxmox-mcp-VERSION-linux-x64.tar.gz        the Native AOT server, its HTTP host + install/ (install.sh --binary ./proxmox-mcp)
#   proxmox-mcp-VERSION.mcpb                    MCP Bundle for Claude Desktop on Windows: bridge.exe + manifest that asks
#                                               for host, port, client certificate (.pfx), its password, server fingerprint
#   proxmox-mcp-bridge-VERSION-win-x64.zip      bridge.exe + README-bridge.txt, for other MCP clients
#   server.json                                 the MCP registry entry (mcpb package, with its SHA-256)
#   SHA256SUMS
# linux-arm64: Native AOT cannot cross-compile from x64 without an arm64 sysroot (Debian's crossbuild-essential-arm64
# plus zlib1g-dev:arm64 and a clang that targets aarch64); it is built only when PROXMOX_MCP_ARM64=1 and that toolchain
# is installed, and skipped with a note otherwise. Build the arm64 tarball on an arm64 machine with this same script.
# Options: --bundle-only (bridge.exe, the bundle and the zip; no server). Env: PROXMOX_MCP_RELEASE_URL (where the
# files will be downloadable, for server.json), PROXMOX_MCP_REGISTRY_NAME (the registry name, io.github.OWNER/proxmox-mcp).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${PROXMOX_MCP_RELEASE_DIR:-$PWD/artifacts/release}
bundle_only=0
[ "${1:-}" = --bundle-only ] && bundle_only=1
started=$(date +%s)
say() { echo "release: $* ($(( $(date +%s) - started )) s)" >&2; }

version=$(python3 -c 'import json,sys; print(json.load(open("release/mcpb/manifest.json"))["version"])')
rm -rf "$out"
mkdir -p "$out/stage"
stage=$out/stage

if [ ! -x release/node_modules/.bin/mcpb ]; then
  say "installing the pinned MCP Bundle CLI (@anthropic-ai/mcpb, release/package.json)"
  (cd release && npm install --no-audit --no-fund --silent >/dev/null)
fi
mcpb=$PWD/release/node_modules/.bin/mcpb
# The Bridge and EndToEnd tests run this script and release/build.sh at the same time: publishing the same project
# into the same obj/ concurrently crashes crossgen, so every publish here takes the repository's publish lock.
publish() { mkdir -p "$PWD/artifacts"; flock "$PWD/artifacts/.publish.lock" dotnet publish "$@"; }

if [ $bundle_only -eq 0 ]; then
  tarball() { # RID: publish both binaries for it and pack them with the installer
    say "publishing the Native AOT server for $1"
    publish server/ProxmoxMcp.Server -c Release -r "$1" -o "$stage/server-$1" -nologo -v:q -p:TreatWarningsAsErrors=true
    publish server/ProxmoxMcp.Http -c Release -r "$1" -o "$stage/http-$1" -nologo -v:q -p:TreatWarningsAsErrors=true
    local dir=$stage/proxmox-mcp-$version-$1
    mkdir -p "$dir/install"
    cp "$stage/server-$1/proxmox-mcp" "$stage/http-$1/proxmox-mcp-http" "$dir/"
    cp install/install.sh install/uninstall.sh install/proxmox-mcp.service.in install/proxmox-mcp-http.service.in "$dir/install/"
    cp README.md LICENSE "$dir/"
    tar -C "$stage" -czf "$out/proxmox-mcp-$version-$1.tar.gz" "proxmox-mcp-$version-$1"
  }
  tarball linux-x64
  if [ "${PROXMOX_MCP_ARM64:-0}" = 1 ] && command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    tarball linux-arm64
  else
    say "NOTE: no linux-arm64 tarball (needs PROXMOX_MCP_ARM64=1 and an arm64 cross toolchain; or run this script on arm64)"
  fi
fi

say "publishing bridge.exe for win-x64 (single file, trimmed)"
publish bridge/ProxmoxMcp.Bridge -c Release -r win-x64 -o "$stage/bridge-win-x64" -nologo -v:q -p:TreatWarningsAsErrors=true

say "packing the MCP Bundle"
bundle_dir=$stage/bundle
mkdir -p "$bundle_dir"
cp release/mcpb/manifest.json "$bundle_dir/"
cp "$stage/bridge-win-x64/bridge.exe" "$bundle_dir/"
cp LICENSE "$bundle_dir/"
"$mcpb" validate "$bundle_dir/manifest.json" >&2
"$mcpb" pack "$bundle_dir" "$out/proxmox-mcp-$version.mcpb" >&2

say "zipping bridge.exe for other clients"
zip_dir=$stage/zip
mkdir -p "$zip_dir"
cp "$stage/bridge-win-x64/bridge.exe" "$zip_dir/"
cat >"$zip_dir/README-bridge.txt" <<TXT
proxmox-mcp bridge $version for Windows (x64)

bridge.exe connects an MCP client that speaks stdio (Claude Desktop, and others) to the proxmox-mcp service that
install/install.sh set up on a Linux machine, over mutual TLS on port 3100, reconnecting when the link drops.

1. Copy bridge.exe, and from the installer's client bundle (/etc/proxmox-mcp/clients/claude-desktop/) the .pfx and
   ca.pem, to one folder, e.g. C:\ProxmoxMcp\.
2. Point your client at it; the installer prints the exact entry, e.g. for claude_desktop_config.json:
     "command": "C:\\\\ProxmoxMcp\\\\bridge.exe",
     "args": ["--host", "mcp-vm", "--port", "3100", "--tls", "--ca-file", "C:\\\\ProxmoxMcp\\\\ca.pem",
              "--client-cert", "C:\\\\ProxmoxMcp\\\\claude-desktop.pfx"],
     "env": {"MCP_CLIENT_CERT_PASSWORD": "<contents of pfx-password.txt>"}
3. bridge.exe --help lists every option. Exit codes: 0 stopped, 1 internal error, 2 bad settings or certificate,
   3 gave up reconnecting. Claude Desktop users: the .mcpb bundle does all this in Claude Desktop's own form.
TXT
python3 - "$out/proxmox-mcp-bridge-$version-win-x64.zip" "$zip_dir" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(sys.argv[2])):
        z.write(os.path.join(sys.argv[2], name), name)
PY

say "writing server.json and SHA256SUMS"
(cd "$out" && shopt -s nullglob && files=(*.tar.gz *.mcpb *.zip) && sha256sum -- "${files[@]}" >SHA256SUMS)
python3 - "$out" "$version" <<'PY'
import hashlib, json, os, sys
out, version = sys.argv[1], sys.argv[2]
base = os.environ.get("PROXMOX_MCP_RELEASE_URL", f"https://example.invalid/proxmox-mcp/releases/v{version}").rstrip("/")
bundle = f"proxmox-mcp-{version}.mcpb"
sha = hashlib.sha256(open(os.path.join(out, bundle), "rb").read()).hexdigest()
server = {
    "$schema": "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json",
    "name": os.environ.get("PROXMOX_MCP_REGISTRY_NAME", "io.github.OWNER/proxmox-mcp"),
    "title": "Proxmox VE",
    "description": "Proxmox VE for Claude Desktop on Windows: bridge to the proxmox-mcp service (mutual TLS).",
    "version": version,
    "packages": [{
        "registryType": "mcpb",
        "identifier": f"{base}/{bundle}",
        "version": version,
        "fileSha256": sha,
        "transport": {"type": "stdio"},
    }],
}
json.dump(server, open(os.path.join(out, "server.json"), "w"), indent=2)
open(os.path.join(out, "server.json"), "a").write("\n")
PY
rm -rf "$stage"
say "done: $out"
(cd "$out" && ls -l)
