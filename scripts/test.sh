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
shopt -s nocasematch # "scripts/test.sh Provider" also selects scripts/test.d/provider-*.sh
# Runs one test project (extra arguments go to dotnet test) and adds its counts to the totals.
run_project() {
  local project="$1" label="$2" log="$3"
  shift 3
  echo "==> $label"
  if ! dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" | grep -E '^\s*Failed |^(Passed!|Failed!)|Error Message|^\s*Total tests:|: error ' ; then :; fi
  # The console logger at normal verbosity closes with "Test Run Successful|Failed." and "Total tests:",
  # "Passed: N", "Failed: N", "Skipped: N" lines; at minimal verbosity with one "Passed!|Failed! - ..." line.
  if ! grep -qE '^(Passed!|Failed!|Test Run (Successful|Failed))' "$log"; then
    echo "    $label: no test summary (crashed?); see $log"
    status=1
  fi
  local line p f s
  if grep -qE '^(Passed!|Failed!)' "$log"; then
    line="$(grep -E '^(Passed!|Failed!)' "$log" | tail -1 || true)"
  else
    line="$(sed -n '/^Total tests:/,$p' "$log" | tr '\n' ' ')"
  fi
  p="$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line")"; f="$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line")"; s="$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")"
  if grep -qE '^Test Run (Failed|Aborted)' "$log"; then status=1; fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  [[ "${f:-0}" == "0" ]] || status=1
}

for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  [[ -z "$only" || "$name" == *"$only"* ]] || continue
  run_project "$project" "$name" "$results/$name.log"
done

# The command line's end-to-end tests again, against the native executable ./auditinfra builds for users (Native
# AOT, published once into artifacts/native: 1-3 min of CPU on 2 cores): every test that runs the CLI in a child
# process or through a CliRunner fixture runs that executable (BuiltCli.NativeVariable). `scripts/test.sh native`
# runs only this pass; TEST_NATIVE=0 skips it.
if [[ "${TEST_NATIVE:-1}" == 1 && ( -z "$only" || "native" == *"$only"* ) ]]; then
  echo "==> publish the native CLI"
  export AUDITINFRA_TEST_NATIVE_CLI
  AUDITINFRA_TEST_NATIVE_CLI="$("$repo/scripts/publish.sh" "$repo/artifacts/native")"
  # LauncherTests run a stand-in dotnet and ConsoleStreamTests the in-process console: neither runs the CLI.
  run_project tests/AuditInfra.Cli.Tests/AuditInfra.Cli.Tests.csproj "AuditInfra.Cli.Tests (native CLI)" "$results/AuditInfra.Cli.Tests.native.log" \
    --filter 'FullyQualifiedName!~LauncherTests&FullyQualifiedName!~ConsoleStreamTests'
  run_project tests/AuditInfra.Investigation.Tests/AuditInfra.Investigation.Tests.csproj "AuditInfra.Investigation.Tests (native CLI)" \
    "$results/AuditInfra.Investigation.Tests.native.log" --filter 'FullyQualifiedName~.Contract.|FullyQualifiedName~.Sync.|FullyQualifiedName~.Commands.|FullyQualifiedName~.Hostile.'
  run_project tests/AuditInfra.Policy.Tests/AuditInfra.Policy.Tests.csproj "AuditInfra.Policy.Tests (native CLI)" "$results/AuditInfra.Policy.Tests.native.log" \
    --filter 'FullyQualifiedName~FailClosedTests|FullyQualifiedName~InputErrorTests|FullyQualifiedName~OutputFormatTests|FullyQualifiedName~SuppressionTests|FullyQualifiedName~WeakenedProdTests'
  unset AUDITINFRA_TEST_NATIVE_CLI
fi

for extra in "$repo"/scripts/test.d/*.sh; do
  [[ -f "$extra" ]] || continue
  [[ -z "$only" || "$(basename "$extra")" == *"$only"* ]] || continue
  echo "==> $(basename "$extra")"
  if bash "$extra"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
