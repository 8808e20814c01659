#!/usr/bin/env bash
# The benchmark corpus the benchmarks read (sourced by scripts/bench-verify.sh, bench-investigate.sh and
# bench-integrity.sh): picks the folder (BENCH_DIR, kept; or a temporary one the caller removes when $keep is 0),
# builds the CLI once, then generates BENCH_DAYS (default 38) days from 2026-01-01 into it unless they are already
# there (~1.1 GB uncompressed for 38 days). Sets $corpus, $keep, $days, $from and $to for the caller, which runs in
# the repo root; a caller that measures another build sets bench_build=0 to skip building this one. A kept corpus
# is generated beside its folder and moved into place when whole, under a lock (BENCH_LOCK, default
# /tmp/bench-corpus.lock): benchmarks started at the same time share one generation, and an interrupted one leaves
# no half corpus that would later pass for a whole one.
days="${BENCH_DAYS:-38}"
# The benchmarks' default build is the JIT one, .build/cli/auditinfra.dll (AUDITINFRA_CLI=path measures a native one).
export AUDITINFRA_BUILD=jit
keep=0
if [[ -n "${BENCH_DIR:-}" ]]; then corpus="${BENCH_DIR%/}"; keep=1; else corpus="$(mktemp -d -t auditinfra-bench-XXXXXX)"; fi
# Build once, outside the measurements; a caller measuring another build (bench_build=0) skips it unless it generates.
[[ ${bench_build:-1} == 0 && -d "$corpus/audit_logs" ]] || ./auditinfra --help >/dev/null
from=2026-01-01
to="$(date -u -d "$from + $((days - 1)) days" +%F)"
bench_generate() {
  ./auditinfra generate --output "$1" --from "$from" --to "$to" --accounts 2 --clusters 1 \
    --config-objects 60 --login-objects 10 --k8s-objects 30 --records 260 --fast --no-empty --seed 7
}
if [[ ! -d "$corpus/audit_logs" ]]; then
  if [[ $keep == 1 ]]; then
    exec {bench_lock}>"${BENCH_LOCK:-/tmp/bench-corpus.lock}"
    flock "$bench_lock"
    if [[ ! -d "$corpus/audit_logs" ]]; then
      echo "==> generating $days days into $corpus"
      rm -rf "$corpus.partial"
      bench_generate "$corpus.partial"
      rmdir "$corpus" 2>/dev/null || true  # an empty folder made for it; anything else in the way stops the mv
      mv -T "$corpus.partial" "$corpus"
    fi
    flock -u "$bench_lock"
    exec {bench_lock}>&-
  else
    echo "==> generating $days days into $corpus"
    bench_generate "$corpus"
  fi
fi
