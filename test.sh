#!/usr/bin/env bash
# Runs every ServiceInsights test on a fresh Debian machine that has only the .NET SDK:
# installs Debian's Chromium when it is missing (for the end-to-end tests), builds, runs `dotnet test`,
# and prints one line: "N passed, N failed, N skipped". Exits non-zero when a test failed or none ran.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the end-to-end tests..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq </dev/null
  $SUDO apt-get install -y -qq --no-install-recommends chromium </dev/null >/dev/null
fi

results="TestResults"
rm -rf "$results"
status=0
# A test that has not finished after 5 minutes (the whole suite takes about 5) is a hang: the run stops there, names it
# (the blame sequence file in TestResults) and fails, instead of running into CI's time limit.
dotnet test ServiceInsights.sln --nologo --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m --blame-hang-dump-type none "$@" </dev/null || status=$?

# Count the TRX results: dotnet test prints no count that CI can read.
read -r passed failed skipped total < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"], c["total"] }'
) || true
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}; total=${total:-0}

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$total" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
