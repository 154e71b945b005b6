#!/usr/bin/env bash
# Runs the Windows bridge (win-x64 bridge.exe) under wine against socat + the Native AOT server on 127.0.0.1:
# initialize, notifications/initialized, tools/list and a read-only tool call, with stdin kept open until the
# replies arrive, then end of input and exit code 0. Twice: over plain TCP, and over mutual TLS with the client
# certificate (PFX + password) and server certificate that install/install.sh writes (staged with --root).
# Installs Debian's wine if it is missing and we are root.
# BRIDGE_EXE=path/bridge.exe tests that file instead of publishing one; BUNDLE_DIR=an unpacked .mcpb runs its
# bridge.exe exactly as Claude Desktop would from its manifest (command, args and env with the user_config filled in:
# host, port, the installer's PFX, its password, the server fingerprint); TEST_WINE_ONLY=tls runs the TLS session only.
# Exit codes: 0 passed, 1 failed, 77 skipped (no wine and cannot install it).
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=${PROXMOX_MCP_ARTIFACTS:-$PWD/artifacts/test}
started=$(date +%s)
say() { echo "test-wine: $* ($(( $(date +%s) - started )) s)" >&2; }

if ! command -v wine >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-wine: wine is not installed and we are not root; skipping" >&2
    exit 77
  fi
  say "installing Debian's wine and wine64 (about 15 s)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi
say "wine ready"
# The Bridge and EndToEnd tests run this script and release/build.sh at the same time: publishing the same project
# into the same obj/ concurrently crashes crossgen, so every publish here takes the repository's publish lock.
publish() { mkdir -p "$PWD/artifacts"; flock "$PWD/artifacts/.publish.lock" dotnet publish "$@"; }

bridge_exe=${BRIDGE_EXE:-}
[ -z "${BUNDLE_DIR:-}" ] || bridge_exe=$BUNDLE_DIR/bridge.exe
if [ -z "$bridge_exe" ]; then
  say "publishing bridge.exe (win-x64)"
  publish bridge/ProxmoxMcp.Bridge -c Release -r win-x64 -o "$artifacts/bridge-win-x64" -nologo -v:q
  bridge_exe=$artifacts/bridge-win-x64/bridge.exe
fi
if [ ! -x "$artifacts/server/proxmox-mcp" ]; then
  say "publishing the server (linux-x64)"
  publish server/ProxmoxMcp.Server -c Release -r linux-x64 -o "$artifacts/server" -nologo -v:q
fi
say "binaries ready"

work=$(mktemp -d)
socat_pids=()
cleanup() {
  for pid in "${socat_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
listen() { # listen PORT SOCAT-ADDRESS: socat in front of the simulated server, waiting until it listens
  socat "$2" "EXEC:$artifacts/server/proxmox-mcp --simulate" &
  socat_pids+=($!)
  for _ in $(seq 100); do
    grep -q ":$(printf '%04X' "$1") 00000000:0000 0A" /proc/net/tcp && return 0
    sleep 0.1
  done
  echo "test-wine: socat did not listen on $1" >&2
  return 1
}

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Create the wine prefix before the first session, and once more if that fails: a prefix created on the fly by
# bridge.exe's first start was once left without kernel32.dll (status c0000135) while another wine test ran.
prepare_prefix() { wineboot -i >/dev/null 2>&1 && wineserver -w && [ -f "$WINEPREFIX/drive_c/windows/system32/kernel32.dll" ]; }
prepare_prefix || { say "wine prefix incomplete; creating it again"; wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"; prepare_prefix; }
say "wine prefix ready"
session() { # session NAME BRIDGE-ARGS...: one MCP session through bridge.exe under wine
  python3 - "$bridge_exe" "$@" <<'PY'
import json, subprocess, sys, threading, time

import os, re
exe, name, args = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ)
if name.startswith("bundle"):
    # As Claude Desktop runs a bundle: the manifest's command, args and env, ${__dirname} and ${user_config.*} filled in.
    bundle = os.environ["BUNDLE_DIR"]
    config = json.load(open(os.path.join(bundle, "manifest.json")))["server"]["mcp_config"]
    values = json.loads(os.environ["USER_CONFIG"])
    def fill(text):
        text = text.replace("${__dirname}", "Z:" + bundle.replace("/", "\\"))
        return re.sub(r"\$\{user_config\.(\w+)\}", lambda m: str(values[m.group(1)]), text)
    exe = fill(config["command"]).replace("Z:", "", 1).replace("\\", "/")
    args = [fill(a) for a in config.get("args", [])]
    env.update({k: fill(v) for k, v in config.get("env", {}).items()})
proc = subprocess.Popen(["wine", exe] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
threading.Thread(target=lambda: [sys.stderr.write("  bridge.exe: " + l.decode(errors="replace")) for l in proc.stderr], daemon=True).start()
deadline = time.time() + 240

def send(message):
    proc.stdin.write((json.dumps(message) + "\n").encode())
    proc.stdin.flush()

def reply(expected_id):
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            sys.exit("test-wine: %s: bridge.exe closed stdout before replying to id %s (exit %s)" % (name, expected_id, proc.wait()))
        message = json.loads(line)
        if message.get("id") == expected_id:
            return message
    sys.exit("test-wine: %s: timed out waiting for id %s" % (name, expected_id))

send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {},
      "clientInfo": {"name": "test-wine", "version": "1"}}})
init = reply(1)
assert "result" in init, init
send({"jsonrpc": "2.0", "method": "notifications/initialized"})
send({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
tools = reply(2)["result"]["tools"]
names = [t["name"] for t in tools]
tool = "get_nodes" if "get_nodes" in names else next(t["name"] for t in tools if t.get("annotations", {}).get("readOnlyHint"))
send({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": tool, "arguments": {}}})
call = reply(3)
assert "result" in call and not call["result"].get("isError"), call
proc.stdin.close()
code = proc.wait(timeout=max(5, deadline - time.time()))
assert code == 0, "bridge.exe exited with %d" % code
print("test-wine: passed %s: server %s, tool %s answered through bridge.exe under wine" % (name, init["result"]["serverInfo"]["name"], tool))
PY
}

if [ "${TEST_WINE_ONLY:-}" != tls ]; then
  port=$(free_port)
  listen "$port" "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork"
  session plaintext --host 127.0.0.1 --port "$port"
  say "plain TCP session done"
fi

# Mutual TLS with the installer's own certificates: stage an install (no root needed) and use its client bundle.
tls_session() { # tls_session N: a fresh staged install (new keys) and one TLS session with its certificates
  local port stage tls bundle fingerprint
  port=$(free_port)
  stage=$work/stage-$1
  bash install/install.sh --root "$stage" --non-interactive --no-check --binary "$artifacts/server/proxmox-mcp" \
    --simulate --san 127.0.0.1 --port "$port" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; return 1; }
  tls=$stage/etc/proxmox-mcp/tls
  bundle=$stage/etc/proxmox-mcp/clients/claude-desktop
  listen "$port" "OPENSSL-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork,cert=$tls/server.pem,key=$tls/server.key,cafile=$tls/ca.pem,verify=1,openssl-min-proto-version=TLS1.2"
  fingerprint=$(openssl x509 -in "$tls/server.pem" -noout -fingerprint -sha256 | sed 's/^.*=//')
  # The server is pinned by fingerprint: wine's chain engine cannot build to a custom root (--ca-file), which
  # Windows itself can; the client certificate is exactly the installer's PFX.
  if [ -n "${BUNDLE_DIR:-}" ]; then
    USER_CONFIG=$(python3 -c 'import json,sys; print(json.dumps({"host": "127.0.0.1", "port": int(sys.argv[1]),
      "client_certificate": "Z:" + sys.argv[2].replace("/", "\\") + "\\claude-desktop.pfx",
      "client_certificate_password": open(sys.argv[2] + "/pfx-password.txt").readline().strip(), "server_fingerprint": sys.argv[3]}))' \
      "$port" "$bundle" "$fingerprint") session "bundle: the .mcpb's bridge.exe as its manifest runs it, with the installer's PFX"
  else
    MCP_CLIENT_CERT_PASSWORD=$(head -n1 "$bundle/pfx-password.txt") \
      session "mutual TLS with the installer's PFX" --host 127.0.0.1 --port "$port" --tls --server-fingerprint "$fingerprint" \
      --client-cert "Z:${bundle//\//\\}\\claude-desktop.pfx" --max-retries 2
  fi
}

# Wine's GnuTLS fails to sign with some RSA client keys ("Public key signing has failed"; the installer makes a new
# key every time, and Windows signs with the same keys): only then, once more with a fresh install and new keys.
if tls_session 1 2>"$work/tls-1.err"; then
  cat "$work/tls-1.err" >&2
else
  cat "$work/tls-1.err" >&2
  grep -q "GnuTLS error: Public key signing has failed" "$work/tls-1.err" || exit 1
  say "wine could not sign with this client key (a wine GnuTLS defect); once more with new keys"
  tls_session 2
fi
say "done"
