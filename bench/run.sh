#!/usr/bin/env bash
# Every benchmark in bench/ProxmoxMcp.Bench/BenchmarkCatalog.cs, as one table of figures, each beside a baseline
# measured in the same run (ratio = value / baseline) and its target.
#
#   bench/run.sh                 # everything (about 3-6 minutes on 2 cores, builds included)
#   bench/run.sh --quick         # fewer iterations (about 2-4 minutes)
#   bench/run.sh scale tool-call # only these benchmarks (names as in the table's first column)
#
# Builds what it needs: the bench program (Release), the Native AOT server and the bridge (Release, linux-x64,
# into artifacts/test, reused while no source is newer). The HTTPS Proxmox simulator runs inside the bench
# program on 127.0.0.1. The table goes to stdout and to artifacts/bench/latest.txt; progress to stderr.
# Exit status: 0 when every target is met, 1 when one is not, other values when the run itself failed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v socat >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "bench: installing socat" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends socat >/dev/null
  else
    echo "bench: socat is missing (apt-get install socat), the concurrency and bridge benchmarks need it" >&2
    exit 3
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PROXMOX_MCP_ARTIFACTS="${PROXMOX_MCP_ARTIFACTS:-$PWD/artifacts/test}"
echo "bench: building the bench program (Release)..." >&2
dotnet build bench/ProxmoxMcp.Bench -c Release -nologo -v:q >&2

mkdir -p artifacts/bench
status=0
dotnet bench/ProxmoxMcp.Bench/bin/Release/net10.0/ProxmoxMcp.Bench.dll "$@" | tee artifacts/bench/latest.txt || status=${PIPESTATUS[0]}
exit "$status"
