#!/usr/bin/env bash
# Benchmark of `seal` and `verify --integrity` against plain `verify` over the benchmark corpus (scripts/bench-corpus.sh).
# Each round: remove the digests, run plain verify, run seal (which writes every digest), run verify --integrity.
# Each side runs RUNS times (default 3); the best run of each counts (the machine is shared). Targets (issue 16):
# seal <= 1.2 x verify, verify --integrity <= 1.3 x verify.
#
#   scripts/bench-integrity.sh                 # ~1.2 GB corpus (38 days) in a temporary folder
#   BENCH_DIR=/path scripts/bench-integrity.sh # keep the corpus there
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-3}"
# shellcheck source=bench-corpus.sh
. "$repo/scripts/bench-corpus.sh"
keys="$(mktemp -d -t auditinfra-seal-keys-XXXXXX)"
cleanup() { rm -rf "$keys" "$corpus/auditinfra-digests"; [[ $keep == 1 ]] || rm -rf "$corpus"; }
trap cleanup EXIT
dotnet .build/cli/auditinfra.dll seal keygen --private-key "$keys/seal.pem" --public-key "$keys/seal.pub" >/dev/null
files=$(find "$corpus" -name '*.gz' | wc -l)
echo "corpus: $files objects, $(( $(du -sb "$corpus" | cut -f1) / 1048576 )) MiB stored, $from .. $to"

timed() { # prints wall seconds of the command
  /usr/bin/time -f '%e' -o "$keys/time" "$@" >"$keys/out" 2>"$keys/err" || { [[ $? == 1 ]] || { cat "$keys/err" >&2; exit 2; }; }
  cat "$keys/time"
}

best_verify=999999 best_seal=999999 best_integrity=999999
for ((i = 1; i <= runs; i++)); do
  rm -rf "$corpus/auditinfra-digests"
  sync
  tv=$(timed dotnet .build/cli/auditinfra.dll verify --source "$corpus" --from "$from" --to "$to" --format json)
  ts=$(timed dotnet .build/cli/auditinfra.dll seal --source "$corpus" --from "$from" --to "$to" --private-key "$keys/seal.pem")
  sealed="$(cat "$keys/out")"
  ti=$(timed dotnet .build/cli/auditinfra.dll verify --source "$corpus" --from "$from" --to "$to" --format json --integrity --public-key "$keys/seal.pub")
  findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$keys/out")
  printf '  run %d: verify %.2f s, seal %.2f s, verify --integrity %.2f s (%s findings)\n' "$i" "$tv" "$ts" "$ti" "$findings"
  best_verify=$(echo "if ($tv < $best_verify) $tv else $best_verify" | bc -l)
  best_seal=$(echo "if ($ts < $best_seal) $ts else $best_seal" | bc -l)
  best_integrity=$(echo "if ($ti < $best_integrity) $ti else $best_integrity" | bc -l)
done
echo "seal: $sealed"
printf 'verify %.2f s, seal %.2f s, verify --integrity %.2f s\n' "$best_verify" "$best_seal" "$best_integrity"
printf 'ratio seal / verify: %.2f (target <= 1.20); verify --integrity / verify: %.2f (target <= 1.30); cores: %d\n' \
  "$(echo "$best_seal / $best_verify" | bc -l)" "$(echo "$best_integrity / $best_verify" | bc -l)" "$(nproc)"
