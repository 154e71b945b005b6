#!/usr/bin/env bash
# Regenerates server/ProxmoxMcp.Server/Hosting/Native/method-order.txt, the order in which the Linux Native AOT
# build lays out managed methods (IlcOrderFile, docs/PERFORMANCE-memory.md, third pass): the methods a typical session
# runs first, packed together, so that a process maps a few MiB of code instead of nearly all 10.
#
#   bench/probes/method-order/regenerate.sh      # about a minute after the server is published
#
# How: publish the server (Release, linux-x64, with its .dbg), write int3 over the first byte of every managed
# function of a copy (patch.py), run a broad session (session.py: the read tools, dry-run writes, the bench's calls, errors)
# against pve-sim under tracer.c, which restores each byte at its first hit and records the function, then write the
# hit functions' symbol names in first-hit order (order.py). Needs gcc, nm/readelf (binutils) and python3.
# Any layout of the binary profiles the same: the file names methods, not addresses.
set -euo pipefail
cd "$(dirname "$0")/../../.."
work=$(mktemp -d)
trap 'kill "${sim:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
here=bench/probes/method-order
echo "method-order: publishing the server and the simulator..." >&2
dotnet publish server/ProxmoxMcp.Server/ProxmoxMcp.Server.csproj -c Release -r linux-x64 -o "$work/server" -nologo -v:q >&2
dotnet build server/ProxmoxMcp.Simulator.Host -c Release -o "$work/sim" -nologo -v:q >&2
gcc -O2 -Wall -o "$work/tracer" "$here/tracer.c"
python3 "$here/patch.py" "$work/server/proxmox-mcp" "$work/server/proxmox-mcp.dbg" "$work/patched" "$work/map.txt"
port=$((20000 + RANDOM % 20000))
"$work/sim/pve-sim" --port "$port" --bind 127.0.0.1 > "$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 1 100); do grep -q "fingerprint" "$work/sim.log" 2>/dev/null && break; sleep 0.2; done
fingerprint=$(grep -o 'SHA-256): .*' "$work/sim.log" | cut -d' ' -f2)
printf '#!/bin/sh\nexec "%s" "%s" "%s" "%s" "$@"\n' "$work/tracer" "$work/map.txt" "$work/hits.txt" "$work/patched" > "$work/traced"
chmod +x "$work/traced"
python3 "$here/session.py" "$work/traced" "$port" "$fingerprint"
python3 "$here/order.py" "$work/server/proxmox-mcp.dbg" "$work/hits.txt" server/ProxmoxMcp.Server/Hosting/Native/method-order.txt
