#!/usr/bin/env bash
# Runs the Windows bridge (win-x64 bridge.exe) under wine against socat + the Native AOT server on 127.0.0.1:
# initialize, notifications/initialized, tools/list and a read-only tool call, with stdin kept open until the
# replies arrive, then end of input and exit code 0. Installs Debian's wine if it is missing and we are root.
# Exit codes: 0 passed, 1 failed, 77 skipped (no wine and cannot install it).
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=${PROXMOX_MCP_ARTIFACTS:-$PWD/artifacts/test}
started=$(date +%s)

if ! command -v wine >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-wine: wine is not installed and we are not root; skipping" >&2
    exit 77
  fi
  echo "test-wine: installing wine wine64" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi
echo "test-wine: wine ready after $(( $(date +%s) - started )) s" >&2

echo "test-wine: publishing bridge.exe (win-x64) and the server (linux-x64)" >&2
dotnet publish bridge/ProxmoxMcp.Bridge -c Release -r win-x64 -o "$artifacts/bridge-win-x64" -nologo -v:q
if [ ! -x "$artifacts/server/proxmox-mcp" ]; then
  dotnet publish server/ProxmoxMcp.Server -c Release -r linux-x64 -o "$artifacts/server" -nologo -v:q
fi
echo "test-wine: published after $(( $(date +%s) - started )) s" >&2

prefix=$(mktemp -d)
socat_pid=""
cleanup() {
  [ -n "$socat_pid" ] && kill "$socat_pid" 2>/dev/null || true
  WINEPREFIX="$prefix" wineserver -k 2>/dev/null || true
  rm -rf "$prefix"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "EXEC:$artifacts/server/proxmox-mcp --simulate" &
socat_pid=$!
for _ in $(seq 100); do
  grep -q ":$(printf '%04X' "$port") 00000000:0000 0A" /proc/net/tcp && break
  sleep 0.1
done

export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
python3 - "$artifacts/bridge-win-x64/bridge.exe" "$port" <<'PY'
import json, subprocess, sys, threading, time

exe, port = sys.argv[1], sys.argv[2]
proc = subprocess.Popen(["wine", exe, "--host", "127.0.0.1", "--port", port],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
threading.Thread(target=lambda: [sys.stderr.write("  bridge.exe: " + l.decode(errors="replace")) for l in proc.stderr], daemon=True).start()
deadline = time.time() + 240

def send(message):
    proc.stdin.write((json.dumps(message) + "\n").encode())
    proc.stdin.flush()

def reply(expected_id):
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            sys.exit("test-wine: bridge.exe closed stdout before replying to id %s" % expected_id)
        message = json.loads(line)
        if message.get("id") == expected_id:
            return message
    sys.exit("test-wine: timed out waiting for id %s" % expected_id)

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
print("test-wine: passed: server %s, tool %s answered through bridge.exe under wine" % (init["result"]["serverInfo"]["name"], tool))
PY
echo "test-wine: done in $(( $(date +%s) - started )) s" >&2
