#!/usr/bin/env bash
# The whole test suite: unit, tool, simulator-contract, bridge and end-to-end tests.
# Usage: ./test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")"

echo "test.sh: checking prerequisites (C toolchain and zlib for Native AOT, socat, openssl, python3, node, wine)" >&2
tests/prerequisites.sh || exit $?

# End-to-end tests run the real Release binaries; publish them once here (the tests reuse them while fresh).
export PROXMOX_MCP_ARTIFACTS="$PWD/artifacts/test"
started=$(date +%s)
for entry in server/ProxmoxMcp.Server:server server/ProxmoxMcp.Http:http bridge/ProxmoxMcp.Bridge:bridge; do
  project=${entry%%:*}
  echo "test.sh: publishing $project (Release, linux-x64; up to a minute each)" >&2
  out="$PROXMOX_MCP_ARTIFACTS/${entry##*:}"
  dotnet publish "$project" -c Release -r linux-x64 -o "$out" -nologo -v:q -p:TreatWarningsAsErrors=true || {
    echo "publish of $project failed"; echo "0 passed, 1 failed"; exit 1; }
done

echo "test.sh: published in $(( $(date +%s) - started )) s; running the test suite (about 6 minutes on 2 cores)" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test --solution ProxmoxMcp.sln "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints a summary block per run; add up every "succeeded/failed/skipped" line.
sum() { grep -E "^\s+$1: [0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum succeeded); failed=$(sum failed); skipped=$(sum skipped)
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$rc"
