#!/usr/bin/env bash
# Benchmarks the provider plugin as the engine meets it: start-to-port-line time (several runs, median) and
# Check/Diff latency per call, for three builds of the same code:
#   ReadyToRun      the Release build where Pulumi.yaml points (our assemblies and dependencies precompiled)
#   app-JIT         our assemblies and dependencies as IL (the .NET/ASP.NET framework stays precompiled)
#   all-JIT         the ReadyToRun build run with DOTNET_ReadyToRun=0: no precompiled code used at all
# Figures go to stdout; nothing is asserted (see docs/benchmarks.md).
#
#   scripts/bench-provider.sh [start runs, default 15] [calls per RPC, default 2000]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}" calls="${2:-2000}"
project="$repo/components/AuditInfra.Provider"
r2r="$project/bin/Release/net10.0/pulumi-resource-auditinfra"
jit_dir="$(mktemp -d)"
trap 'rm -rf "$jit_dir"' EXIT

echo "==> build: ReadyToRun (dotnet build -c Release) and an IL-only copy (publish --no-build, PublishReadyToRun=false)"
dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary >/dev/null
# --no-build: publishing must not rebuild into bin/Release, which would replace the ReadyToRun files there.
dotnet publish "$project" -c Release --no-build -p:PublishReadyToRun=false -o "$jit_dir" -nologo -v quiet >/dev/null
(cd "$repo/tests/wire" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "==> machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$repo/tests/wire"
echo "==> ReadyToRun ($r2r)"
node bench.js "$r2r" "$runs" "$calls"
echo "==> app-JIT"
node bench.js "$jit_dir/pulumi-resource-auditinfra" "$runs" "$calls"
echo "==> all-JIT (DOTNET_ReadyToRun=0)"
DOTNET_ReadyToRun=0 node bench.js "$r2r" "$runs" "$calls"
