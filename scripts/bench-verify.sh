#!/usr/bin/env bash
# Benchmark of `auditinfra verify` against `zcat … | wc -l` over the same files.
# Generates a synthetic delivery of at least 1 GB uncompressed in a temporary folder (removed afterwards), then
# measures, for verify: wall time, MB/s (uncompressed), records/s and peak RSS (/usr/bin/time -v); for zcat | wc -l:
# wall time over the same .gz files; and prints the ratio. Each side runs RUNS times (default 3) alternately; the
# best run of each counts, because the machine is shared and the slowest runs measure the neighbours.
#
#   scripts/bench-verify.sh                 # ~1.2 GB corpus (38 days)
#   BENCH_DAYS=60 scripts/bench-verify.sh   # bigger corpus
#   BENCH_DIR=/path scripts/bench-verify.sh # keep the corpus there (not removed)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-3}"
# shellcheck source=bench-corpus.sh
. "$repo/scripts/bench-corpus.sh"
cleanup() { [[ $keep == 1 ]] || rm -rf "$corpus"; }
trap cleanup EXIT

uncompressed_total=$(find "$corpus" -name '*.gz' -print0 | xargs -0 zcat | wc -c)
stored=$(du -sb "$corpus" | cut -f1)
files=$(find "$corpus" -name '*.gz' | wc -l)
echo "corpus: $files objects, $((stored / 1048576)) MiB stored, $((uncompressed_total / 1048576)) MiB uncompressed"
if (( uncompressed_total < 1000000000 )); then echo "corpus smaller than 1 GB; raise BENCH_DAYS" >&2; exit 2; fi

best_verify=999999 best_zcat=999999 peak_rss=0 records=0
for ((i = 1; i <= runs; i++)); do
  sync
  start=$(date +%s.%N)
  find "$corpus" -name '*.gz' -print0 | xargs -0 zcat | wc -l >/dev/null
  tz=$(echo "$(date +%s.%N) - $start" | bc -l)
  best_zcat=$(echo "if ($tz < $best_zcat) $tz else $best_zcat" | bc -l)

  /usr/bin/time -v -o "$corpus.time" dotnet .build/cli/auditinfra.dll verify --source "$corpus" --from "$from" --to "$to" --format json >"$corpus.json" || true
  t=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$corpus.time" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$corpus.time")
  records=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["records"])' "$corpus.json")
  best_verify=$(echo "if ($t < $best_verify) $t else $best_verify" | bc -l)
  (( rss > peak_rss )) && peak_rss=$rss
  printf '  run %d: zcat|wc -l %.2f s, verify %.2f s, verify peak RSS %d MiB\n' "$i" "$tz" "$t" $((rss / 1024))
done
rm -f "$corpus.time" "$corpus.json"

mb=$(echo "$uncompressed_total / 1000000" | bc -l)
printf 'verify:       %.2f s  %.0f MB/s uncompressed  %.0f records/s  peak RSS %d MiB  (%d records)\n' \
  "$best_verify" "$(echo "$mb / $best_verify" | bc -l)" "$(echo "$records / $best_verify" | bc -l)" $((peak_rss / 1024)) "$records"
printf 'zcat | wc -l: %.2f s  %.0f MB/s uncompressed\n' "$best_zcat" "$(echo "$mb / $best_zcat" | bc -l)"
printf 'ratio verify / zcat: %.2f (target <= 1.00), cores: %d\n' "$(echo "$best_verify / $best_zcat" | bc -l)" "$(nproc)"
