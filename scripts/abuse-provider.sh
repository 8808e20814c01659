#!/usr/bin/env bash
# Probes the provider plugin as a hostile client would (tests/wire/abuse.js): a gRPC length prefix larger than
# its body, a 500 MB prefix, 1,000 concurrent streams, three concurrent large Check calls, a client that stops
# reading, ~19,000 idle connections, a connection that goes silent after the HTTP/2 preface. Prints each probe's
# answer and the plugin's resident memory; asserts nothing (figures for docs/provider.md and issue notes).
#
#   [PROVIDER_BIN=<plugin executable>] [LARGE_ONLY=1] scripts/abuse-provider.sh [large message MB, default 200]
# PROVIDER_BIN measures another build (e.g. a baseline); default: the native plugin where Pulumi.yaml points.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
plugin="${PROVIDER_BIN:-$repo/components/AuditInfra.Provider/bin/Release/native/pulumi-resource-auditinfra}"
[[ -x "$plugin" ]] || [[ -n "${PROVIDER_BIN:-}" ]] || dotnet build "$repo/components/AuditInfra.Provider" -c Release -nologo -v quiet -clp:NoSummary
(cd "$repo/tests/wire" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
ulimit -n 65536 2>/dev/null || true
echo "==> machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); fd limit $(ulimit -n)"
cd "$repo/tests/wire"
node --max-old-space-size=8192 abuse.js "$plugin" "${1:-200}"
