#!/usr/bin/env bash
# Runs every test: builds the solution (Release, so the provider plugin lands where Pulumi.yaml points),
# starts a private Ceph RGW on loopback, runs all xunit projects against it, and stops it again.
# Prints one closing line "tests: N passed, N failed, N skipped". Exit code 0 only when nothing failed.
#
#   scripts/test.sh              every test project and every scripts/test.d/*.sh check
#   scripts/test.sh Reader       only the projects (and test.d scripts) whose name contains "Reader"
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export RGW_DIR="$repo/.rgw/test" RGW_PORT="${TEST_RGW_PORT:-7481}" RGW_MON_PORT="${TEST_RGW_MON_PORT:-3301}"

echo "==> build (Release)"
dotnet build AuditInfra.sln -c Release -nologo -v quiet -clp:NoSummary

echo "==> start Ceph RGW on 127.0.0.1:$RGW_PORT"
trap '"$repo/scripts/s3-stop.sh"' EXIT
"$repo/scripts/s3-start.sh" >/dev/null
set -a
# shellcheck disable=SC1091
. "$RGW_DIR/s3.env"
set +a

results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
passed=0 failed=0 skipped=0
only="${1:-}"
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  [[ -z "$only" || "$name" == *"$only"* ]] || continue
  echo "==> $name"
  log="$results/$name.log"
  if ! dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" | grep -E '^\s*Failed |^(Passed!|Failed!)|Error Message|^\s*Total tests:|: error ' ; then :; fi
  if ! grep -qE '^(Passed!|Failed!|Total tests:)' "$log"; then
    echo "    $name: no test summary (crashed?); see $log"
    status=1
  fi
  line="$(grep -E '^(Passed!|Failed!)' "$log" | tail -1 || true)"
  if [[ -n "$line" ]]; then
    p="$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line")"; f="$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line")"; s="$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")"
  else
    # With the console logger at normal verbosity the SDK prints a block instead: "Total tests: N", "Passed: N", ...
    p="$(sed -nE 's/^ *Passed: *([0-9]+) *$/\1/p' "$log" | tail -1)"; f="$(sed -nE 's/^ *Failed: *([0-9]+) *$/\1/p' "$log" | tail -1)"; s="$(sed -nE 's/^ *Skipped: *([0-9]+) *$/\1/p' "$log" | tail -1)"
  fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  [[ "${f:-0}" == "0" ]] || status=1
done

for extra in "$repo"/scripts/test.d/*.sh; do
  [[ -f "$extra" ]] || continue
  [[ -z "$only" || "$(basename "$extra")" == *"$only"* ]] || continue
  echo "==> $(basename "$extra")"
  if bash "$extra"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
