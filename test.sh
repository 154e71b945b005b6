#!/usr/bin/env bash
# The whole test suite: unit, tool, simulator-contract, bridge and end-to-end tests.
# Usage: ./test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")"

tests/prerequisites.sh || exit $?

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
