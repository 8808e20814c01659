#!/usr/bin/env bash
# Benchmarks the provider plugin as the engine meets it (tests/wire/bench.js): start-to-port-line time (wall, and
# the plugin's CPU time until then), start to the first answer (GetPluginInfo sent when the port line came: the
# plugin announces its port as soon as it is bound, before it serves), connect + Handshake, the first Check, and
# Check/Diff latency per call. Builds given side by side are measured interleaved (A B A B ...) so that a shared
# machine's load falls on all alike; the load average is printed before and after. Figures go to stdout; nothing is
# asserted (see docs/benchmarks.md).
#
#   scripts/bench-provider.sh [start runs, default 15] [calls per RPC, default 2000]
#
#   PROVIDER_BIN   the executable to measure (default: the native plugin where Pulumi.yaml points, built if missing)
#   BASELINE_BIN   optional second executable measured interleaved with it, e.g. an older build
#                  (BASELINE_BIN=/path/to/old/pulumi-resource-auditinfra scripts/bench-provider.sh)
#   ANALYZER=1     measure the policy pack analyzer's start instead (pulumi-analyzer-policy-auditinfra; PROVIDER_BIN
#                  and BASELINE_BIN then name analyzer executables; default: the native analyzer, built if missing)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}" calls="${2:-2000}"
project="$repo/components/AuditInfra.Provider" kind=()
native="$project/bin/Release/native/pulumi-resource-auditinfra"
if [[ -n "${ANALYZER:-}" ]]; then
  project="$repo/stacks/AuditInfra.Policy.Analyzer" kind=(--analyzer)
  native="$project/bin/Release/native/pulumi-analyzer-policy-auditinfra"
fi
plugin="${PROVIDER_BIN:-$native}"
if [[ "$plugin" == "$native" && ! -x "$native" ]]; then
  echo "==> build: the native plugin (dotnet build -c Release publishes it with Native AOT)"
  dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary >/dev/null
fi
(cd "$repo/tests/wire" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

targets=("after=$plugin")
[[ -n "${BASELINE_BIN:-}" ]] && targets=("before=$BASELINE_BIN" "${targets[@]}")
cd "$repo/tests/wire"
node bench.js --runs "$runs" --calls "$calls" "${kind[@]}" "${targets[@]}"
