#!/usr/bin/env bash
# Benchmark of `auditinfra verify` against the decompression floor over the same files: `igzip -dc | wc -l`
# (ISA-L's igzip, Debian package isal) and `zcat | wc -l`. Every round runs each command once, one after another
# (interleaved, so a neighbour's burst of load hits all of them alike), under /usr/bin/time; the summary gives,
# per command, the best and the median of wall time and of CPU time (user+sys, children included), and for verify
# the ratios to both floors, CPU seconds per GB uncompressed (10^9 bytes), records/s and peak RSS. verify's record
# count must equal the floors' line count and the corpus must verify clean (exit 0), or the run stops: a
# benchmark of a run that failed measures nothing.
#
#   scripts/bench-verify.sh                                  # this checkout's build, temporary ~1.1 GB corpus
#   BENCH_DIR=/work/bench-corpus scripts/bench-verify.sh     # keep (or reuse) the corpus there
#   AUDITINFRA_CLI=/path/auditinfra.dll scripts/bench-verify.sh            # measure that build (.dll: run with dotnet)
#   AUDITINFRA_CLI=/path/auditinfra scripts/bench-verify.sh                # or a native executable
#   AUDITINFRA_CLI_BEFORE=/work/baseline/AuditInfra.Cli/auditinfra.dll scripts/bench-verify.sh
#                                                            # also measure a "before" build in the same rounds
#   RUNS=7 BENCH_DAYS=60 ...                                 # rounds (default 5), corpus days (default 38)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-5}"
command -v igzip >/dev/null || { echo "bench-verify: igzip is not installed (apt-get install isal)" >&2; exit 2; }
bench_build=1; [[ -n ${AUDITINFRA_CLI:-} ]] && bench_build=0
# shellcheck source=bench-corpus.sh
. "$repo/scripts/bench-corpus.sh"
work="$(mktemp -d -t auditinfra-bench-verify-XXXXXX)"
cleanup() { rm -rf "$work"; [[ $keep == 1 ]] || rm -rf "$corpus"; }
trap cleanup EXIT

after="${AUDITINFRA_CLI:-$repo/.build/cli/auditinfra.dll}"
before="${AUDITINFRA_CLI_BEFORE:-}"
# A .dll runs on the shared runtime; anything else is taken as an executable (a native build).
# shellcheck source=bench-cli.sh
. "$repo/scripts/bench-cli.sh"
for cli in "$after" ${before:+"$before"}; do [[ -f $cli ]] || { echo "bench-verify: no such build: $cli" >&2; exit 2; }; done

find "$corpus" -name '*.gz' -print0 | sort -z >"$work/files"
files=$(tr -cd '\0' <"$work/files" | wc -c)
stored=$(du -sb "$corpus" | cut -f1)
range="--source $(printf '%q' "$corpus") --from $from --to $to --format json"
declare -A cmd=(
  [igzip]="xargs -0 igzip -dc <$work/files | wc -l"
  [zcat]="xargs -0 zcat <$work/files | wc -l"
  [verify]="$(cli_words "$after") verify $range"
)
order=(igzip zcat)
if [[ -n $before ]]; then cmd[before]="$(cli_words "$before") verify $range"; order+=(before); fi
order+=(verify)

echo "corpus: $corpus, $files objects, $((stored / 1048576)) MiB stored; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "verify: $after${before:+ (before: $before)}"
: >"$work/runs"
for ((i = 1; i <= runs; i++)); do
  for name in "${order[@]}"; do
    sync
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" bash -c "${cmd[$name]}" >"$work/out" 2>"$work/err" && rc=0 || rc=$?
    read -r wall user sys rss <"$work/time"
    if [[ $name == igzip || $name == zcat ]]; then
      count=$(tr -d ' ' <"$work/out") bytes=0
    else
      read -r count bytes findings < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["records"], s["uncompressed_bytes"], s["findings"])' "$work/out" 2>/dev/null) ||
        { echo "bench-verify: $name gave no JSON report (exit $rc): $(tail -3 "$work/err")" >&2; exit 1; }
      if ((rc != 0 || findings != 0)); then echo "bench-verify: $name exited $rc with $findings findings on a clean corpus" >&2; exit 1; fi
    fi
    ((rc == 0)) || { echo "bench-verify: $name failed (exit $rc): $(tail -3 "$work/err")" >&2; exit 1; }
    echo "$i $name $wall $user $sys $rss $count $bytes $(cut -d' ' -f1 /proc/loadavg)" >>"$work/runs"
    printf '  round %d %-7s %6.2f s wall %6.2f s cpu %5d MiB  %s lines\n' "$i" "$name" "$wall" "$(echo "$user + $sys" | bc -l)" $((rss / 1024)) "$count"
  done
done

python3 - "$work/runs" "${order[@]}" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
order = sys.argv[2:]
runs = {n: [r for r in rows if r[1] == n] for n in order}
def wall(n): return [float(r[2]) for r in runs[n]]
def cpu(n): return [float(r[3]) + float(r[4]) for r in runs[n]]
counts = {r[6] for r in rows}
if len(counts) != 1:
    sys.exit(f"bench-verify: commands disagree on the number of records/lines: {sorted(counts)}")
records = int(rows[0][6])
uncompressed = int(next(r[7] for r in rows if r[1] == "verify"))
gb = uncompressed / 1e9
print(f"\n{records} records, {uncompressed / 1048576:.0f} MiB uncompressed; {len(runs['verify'])} interleaved rounds; "
      f"load average during the runs {min(float(r[8]) for r in rows):.2f}-{max(float(r[8]) for r in rows):.2f}")
print(f"{'command':<18}{'wall best':>10}{'median':>8}{'cpu best':>10}{'median':>8}{'cpu s/GB':>10}{'MB/s':>7}{'records/s':>11}{'peak RSS':>10}")
for n in order:
    w, c = wall(n), cpu(n)
    rss = max(int(r[5]) for r in runs[n]) // 1024
    label = {"igzip": "igzip -dc | wc -l", "zcat": "zcat | wc -l"}.get(n, n)
    print(f"{label:<18}{min(w):>9.2f}s{statistics.median(w):>7.2f}s{min(c):>9.2f}s{statistics.median(c):>7.2f}s"
          f"{statistics.median(c) / gb:>10.2f}{uncompressed / 1e6 / min(w):>7.0f}{records / min(w):>11.0f}{rss:>7d} MiB")
def ratio(a, b, f):
    # Per round (the same load for both), then best and median over the rounds.
    per = [x / y for x, y in zip(f(a), f(b))]
    return f"{min(per):.2f} best, {statistics.median(per):.2f} median"
for n in [n for n in order if n not in ("igzip", "zcat")]:
    for floor, goal in (("igzip", " (goal <= 1.5)"), ("zcat", "")):
        print(f"{n} / {floor}: wall {ratio(n, floor, wall)}; cpu {ratio(n, floor, cpu)}{goal}")
if "before" in order:
    print(f"verify / before: wall {ratio('verify', 'before', wall)}; cpu {ratio('verify', 'before', cpu)}")
EOF
