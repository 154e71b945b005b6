#!/usr/bin/env bash
# The bench program's "bridge" benchmark, run alternately against two bridge binaries (docs/PERFORMANCE-bridge.md).
#
#   bench/probes/bridge-ab.sh BASE_BRIDGE NEW_BRIDGE [ROUNDS]      # ROUNDS defaults to 4
#
# BASE_BRIDGE and NEW_BRIDGE are published linux-x64 bridges, e.g. from
#   dotnet publish bridge/ProxmoxMcp.Bridge -c Release -r linux-x64 -o /tmp/base   (in a checkout of the base commit)
# Each round runs the benchmark once per binary (base first, then new), each in its own PROXMOX_MCP_ARTIFACTS
# directory. The bridge benchmark does not run the server, but the bench program wants a fresh one: an existing
# artifacts/test/server is copied (publish it once with bench/run.sh or the tests). Prints the throughput rows (the
# bridge's, and socat's: the stdio ceiling) and the peak RSS row of every run, then medians per binary and NEW/BASE
# ratios. Needs the bench program built (Release) and socat.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=$(realpath "$1") new=$(realpath "$2") rounds=${3:-4}
bench=bench/ProxmoxMcp.Bench/bin/Release/net10.0/ProxmoxMcp.Bench.dll
[ -f "$bench" ] || dotnet build bench/ProxmoxMcp.Bench -c Release -nologo -v:q >&2
[ -x artifacts/test/server/proxmox-mcp ] || { echo "bridge-ab: artifacts/test/server/proxmox-mcp is missing" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in base new; do
  mkdir -p "$work/$name/bridge" "$work/$name/server"
  cp artifacts/test/server/proxmox-mcp "$work/$name/server/"
done
cp "$base" "$work/base/bridge/bridge"
cp "$new" "$work/new/bridge/bridge"

for round in $(seq "$rounds"); do
  for name in base new; do
    # Newer than every source file, so the bench program uses these binaries as they are.
    touch "$work/$name/bridge/bridge" "$work/$name/server/proxmox-mcp"
    PROXMOX_MCP_ARTIFACTS="$work/$name" dotnet "$bench" bridge 2>/dev/null \
      | grep -E '10 MB reply throughput|peak RSS' | sed "s/^/round $round $name: /" | tee -a "$work/rows" || true
  done
done

python3 - "$work/rows" <<'EOF'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"round \d+ (\w+): \|\s*bridge\s*\|\s*([^|]+?)\s*\|\s*([\d.]+)\s*\S+\s*\|\s*([\d.]+)", line)
    if m:
        name, what, value, baseline = m.group(1), m.group(2), float(m.group(3)), float(m.group(4))
        key = "socat throughput MB/s" if "socat" in what else "throughput MB/s" if "throughput" in what else "peak RSS MiB"
        rows.setdefault((key, name), []).append((value, value / baseline))
print()
for key in ("throughput MB/s", "socat throughput MB/s", "peak RSS MiB"):
    medians = {}
    for name in ("base", "new"):
        values = rows.get((key, name), [])
        if values:
            medians[name] = (statistics.median(v for v, _ in values), statistics.median(r for _, r in values))
            ref = "direct TCP client" if "throughput" in key else "socat"
            print(f"{key}, {name}: median {medians[name][0]:.2f} ({medians[name][1]:.2f}x {ref}) over {len(values)} runs")
    if len(medians) == 2:
        print(f"{key}: new/base {medians['new'][0] / medians['base'][0]:.2f}x")
EOF
