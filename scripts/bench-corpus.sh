#!/usr/bin/env bash
# The benchmark corpus both benchmarks read (sourced by scripts/bench-verify.sh and scripts/bench-investigate.sh):
# picks the folder (BENCH_DIR, kept; or a temporary one the caller removes when $keep is 0), builds the CLI once,
# then generates BENCH_DAYS (default 38) days from 2026-01-01 into it unless they are already there (~1.1 GB
# uncompressed for 38 days). Sets $corpus, $keep, $days, $from and $to for the caller, which runs in the repo root.
days="${BENCH_DAYS:-38}"
keep=0
if [[ -n "${BENCH_DIR:-}" ]]; then corpus="$BENCH_DIR"; keep=1; else corpus="$(mktemp -d -t auditinfra-bench-XXXXXX)"; fi
./auditinfra --help >/dev/null  # build once, outside the measurements
from=2026-01-01
to="$(date -u -d "$from + $((days - 1)) days" +%F)"
if [[ ! -d "$corpus/audit_logs" ]]; then
  echo "==> generating $days days into $corpus"
  ./auditinfra generate --output "$corpus" --from "$from" --to "$to" --accounts 2 --clusters 1 \
    --config-objects 60 --login-objects 10 --k8s-objects 30 --records 260 --fast --no-empty --seed 7
fi
