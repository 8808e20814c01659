#!/usr/bin/env bash
# Benchmark of the investigation commands against `verify` over the reader benchmark's corpus (the same
# `generate` call as scripts/bench-verify.sh: ~1.1 GB uncompressed, 38 days, 2 accounts, 1 LKE cluster).
# For each command: best wall time of RUNS runs (default 2; the machine is shared, the slowest runs measure the
# neighbours), the least CPU time (user+sys, steadier than wall time when other work competes for the cores),
# MB/s of uncompressed input by wall time, peak RSS (/usr/bin/time -v), and the ratios to verify's.
#
#   scripts/bench-investigate.sh                    # temporary corpus, removed afterwards
#   BENCH_DIR=/path scripts/bench-investigate.sh    # keep (or reuse) the corpus there
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-2}"
# shellcheck source=bench-corpus.sh
. "$repo/scripts/bench-corpus.sh"
work="$(mktemp -d -t auditinfra-investigate-out-XXXXXX)"
cleanup() { rm -rf "$work"; [[ $keep == 1 ]] || rm -rf "$corpus"; }
trap cleanup EXIT

bytes=$(find "$corpus" -name '*.gz' -print0 | xargs -0 zcat | wc -c)
echo "corpus: $(find "$corpus" -name '*.gz' | wc -l) objects, $((bytes / 1048576)) MiB uncompressed, $(nproc) cores"

range=(--source "$corpus" --from "$from" --to "$to")
declare -A cmds=(
  [verify]="verify ${range[*]} --format json"
  [query-page]="query ${range[*]} --limit 100 --format jsonl"
  [query-newest-actor]="query ${range[*]} --limit 100 --order newest --actor alice --format jsonl"
  [query-all-sorted]="query ${range[*]} --limit 0 --code delete-* --format jsonl"
  [export-jsonl]="export ${range[*]} --format jsonl"
  [filter-options]="filter-options ${range[*]} --format json"
  [detect]="detect ${range[*]} --format json"
)
order=(verify query-page query-newest-actor query-all-sorted export-jsonl filter-options detect)
declare -A best cpu rss
for name in "${order[@]}"; do best[$name]=999999; cpu[$name]=999999; rss[$name]=0; done
for ((i = 1; i <= runs; i++)); do
  for name in "${order[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$work/time" dotnet .build/cli/auditinfra.dll ${cmds[$name]} >"$work/out" 2>"$work/err" || true
    t=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$work/time" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    r=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$work/time")
    c=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' "$work/time")
    best[$name]=$(echo "if ($t < ${best[$name]}) $t else ${best[$name]}" | bc -l)
    cpu[$name]=$(echo "if ($c < ${cpu[$name]}) $c else ${cpu[$name]}" | bc -l)
    (( r > rss[$name] )) && rss[$name]=$r
    printf '  run %d %-20s %6.2f s wall %6.2f s cpu %4d MiB  %s\n' "$i" "$name" "$t" "$c" $((r / 1024)) "$(tail -1 "$work/err" | cut -c1-70)"
  done
done

mb=$(echo "$bytes / 1000000" | bc -l)
echo
printf '%-20s %8s %8s %8s %10s %10s %10s\n' command wall-s cpu-s MB/s "peak RSS" "wall/verify" "cpu/verify"
for name in "${order[@]}"; do
  printf '%-20s %8.2f %8.2f %8.0f %6d MiB %9.2fx %9.2fx\n' "$name" "${best[$name]}" "${cpu[$name]}" "$(echo "$mb / ${best[$name]}" | bc -l)" \
    $((rss[$name] / 1024)) "$(echo "${best[$name]} / ${best[verify]}" | bc -l)" "$(echo "${cpu[$name]} / ${cpu[verify]}" | bc -l)"
done
echo "(ratios below 1.00: faster than verify; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
