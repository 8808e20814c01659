#!/usr/bin/env bash
# Benchmark of the investigation commands against `verify` over the reader benchmark's corpus (the same
# `generate` call as scripts/bench-verify.sh: ~1.1 GB uncompressed, 38 days, 2 accounts, 1 LKE cluster).
# For each command: best wall time of RUNS runs (default 2; the machine is shared, the slowest runs measure the
# neighbours), the least CPU time (user+sys, steadier than wall time when other work competes for the cores),
# MB/s of uncompressed input by wall time, peak RSS (/usr/bin/time -v), and the ratios to verify's.
#
#   scripts/bench-investigate.sh                    # temporary corpus, removed afterwards
#   BENCH_DIR=/path scripts/bench-investigate.sh    # keep (or reuse) the corpus there
#   BENCH_DAYS=6 BENCH_DIR=/path …                  # the first 6 days only (of a corpus already there, or generated)
#   AUDITINFRA_DLL=/path/auditinfra.dll …           # measure another build (default: .build/cli, built first); a path
#                                                   # not ending in .dll is a native executable (scripts/publish.sh)
#   AUDITINFRA_DLL=/work/baseline/AuditInfra.Cli/auditinfra.dll:.build/cli/auditinfra.dll RUNS=5 …
#       several builds, ':'-separated, interleaved (A B A B … per command and run): a table per build, then the
#       change of each build's best CPU and wall time against the first build's
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
IFS=: read -r -a dlls <<<"${AUDITINFRA_DLL:-.build/cli/auditinfra.dll}"
declare -A best cpu rss walls cpus
for b in "${!dlls[@]}"; do
  for name in "${order[@]}"; do best[$b,$name]=999999; cpu[$b,$name]=999999; rss[$b,$name]=0; walls[$b,$name]=""; cpus[$b,$name]=""; done
done
# shellcheck source=bench-cli.sh
. "$repo/scripts/bench-cli.sh"
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for ((i = 1; i <= runs; i++)); do
  for name in "${order[@]}"; do
    for b in "${!dlls[@]}"; do
      # shellcheck disable=SC2086
      cli_argv "${dlls[$b]}"
      /usr/bin/time -v -o "$work/time" "${CLI_ARGV[@]}" ${cmds[$name]} >"$work/out" 2>"$work/err" || true
      t=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$work/time" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
      r=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$work/time")
      c=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' "$work/time")
      best[$b,$name]=$(echo "if ($t < ${best[$b,$name]}) $t else ${best[$b,$name]}" | bc -l)
      cpu[$b,$name]=$(echo "if ($c < ${cpu[$b,$name]}) $c else ${cpu[$b,$name]}" | bc -l)
      walls[$b,$name]+=" $t"; cpus[$b,$name]+=" $c"
      (( r > rss[$b,$name] )) && rss[$b,$name]=$r
      printf '  run %d build %d %-20s %6.2f s wall %6.2f s cpu %4d MiB  %s\n' "$i" "$b" "$name" "$t" "$c" $((r / 1024)) "$(tail -1 "$work/err" | cut -c1-60)"
    done
  done
done

mb=$(echo "$bytes / 1000000" | bc -l)
for b in "${!dlls[@]}"; do
  echo
  echo "build $b: ${dlls[$b]} (best of $runs; median in brackets)"
  printf '%-20s %16s %16s %8s %10s %10s %10s\n' command wall-s cpu-s MB/s "peak RSS" "wall/verify" "cpu/verify"
  for name in "${order[@]}"; do
    printf '%-20s %6.2f [%6.2f] %6.2f [%6.2f] %8.0f %6d MiB %9.2fx %9.2fx\n' "$name" "${best[$b,$name]}" "$(median <<<"${walls[$b,$name]}")" \
      "${cpu[$b,$name]}" "$(median <<<"${cpus[$b,$name]}")" "$(echo "$mb / ${best[$b,$name]}" | bc -l)" \
      $((rss[$b,$name] / 1024)) "$(echo "${best[$b,$name]} / ${best[$b,verify]}" | bc -l)" "$(echo "${cpu[$b,$name]} / ${cpu[$b,verify]}" | bc -l)"
  done
done
if (( ${#dlls[@]} > 1 )); then
  echo
  echo "change against build 0 (best CPU, best wall; negative: faster)"
  for b in "${!dlls[@]}"; do
    (( b == 0 )) && continue
    for name in "${order[@]}"; do
      printf '  build %d %-20s cpu %+6.1f%%  wall %+6.1f%%\n' "$b" "$name" "$(echo "100 * (${cpu[$b,$name]} / ${cpu[0,$name]} - 1)" | bc -l)" \
        "$(echo "100 * (${best[$b,$name]} / ${best[0,$name]} - 1)" | bc -l)"
    done
  done
fi
echo "(ratios below 1.00: faster than verify; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
