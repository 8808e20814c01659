#!/usr/bin/env bash
# Benchmark of `seal` and `verify --integrity` against plain `verify` over the benchmark corpus
# (scripts/bench-corpus.sh). Every round, per build: remove the digests, run plain verify, run seal (which writes
# every digest of the range), run verify --integrity (which must find nothing). Rounds are interleaved, so a
# neighbour's burst of load hits all commands alike; the summary gives best and median wall and CPU time (user+sys)
# per command and the per-round ratios. Targets (issue 16): seal <= 1.2 x verify, verify --integrity <= 1.3 x verify.
#
#   scripts/bench-integrity.sh                                  # this checkout's build, temporary corpus (38 days)
#   BENCH_DIR=/work/bench-corpus scripts/bench-integrity.sh     # keep (or reuse) the corpus there
#   AUDITINFRA_CLI=/path/auditinfra.dll scripts/bench-integrity.sh   # measure that build (.dll, or a native executable)
#   AUDITINFRA_CLI_BEFORE=/work/baseline/AuditInfra.Cli/auditinfra.dll ...   # also a "before" build, same rounds
#   RUNS=5 BENCH_DAYS=10 ...                                    # rounds (default 3), corpus days (default 38)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-3}"
bench_build=1; [[ -n ${AUDITINFRA_CLI:-} ]] && bench_build=0
# shellcheck source=bench-corpus.sh
. "$repo/scripts/bench-corpus.sh"
work="$(mktemp -d -t auditinfra-bench-integrity-XXXXXX)"
cleanup() { rm -rf "$work" "$corpus/auditinfra-digests"; [[ $keep == 1 ]] || rm -rf "$corpus"; }
trap cleanup EXIT

after="${AUDITINFRA_CLI:-$repo/.build/cli/auditinfra.dll}"
before="${AUDITINFRA_CLI_BEFORE:-}"
# shellcheck source=bench-cli.sh
. "$repo/scripts/bench-cli.sh"
for cli in "$after" ${before:+"$before"}; do [[ -f $cli ]] || { echo "bench-integrity: no such build: $cli" >&2; exit 2; }; done
builds=(after); declare -A binary=([after]="$(cli_words "$after")")
if [[ -n $before ]]; then builds=(before after); binary[before]="$(cli_words "$before")"; fi

eval "${binary[after]} seal keygen --private-key $work/seal.pem --public-key $work/seal.pub" >/dev/null
range="--source $(printf '%q' "$corpus") --from $from --to $to"
echo "corpus: $corpus, $(find "$corpus" -name '*.gz' | wc -l) objects, $(( $(du -sb "$corpus" | cut -f1) / 1048576 )) MiB stored, $from .. $to; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs one command under /usr/bin/time; exit 0 (and for verify, 0 findings) or the benchmark stops.
measure() { # round build name command...
  local round=$1 build=$2 name=$3; shift 3
  sync
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" bash -c "$*" >"$work/out" 2>"$work/err" && rc=0 || rc=$?
  ((rc == 0)) || { echo "bench-integrity: $build $name exited $rc: $(tail -3 "$work/err")" >&2; exit 1; }
  read -r wall user sys rss <"$work/time"
  echo "$round $build $name $wall $user $sys $rss $(cut -d' ' -f1 /proc/loadavg)" >>"$work/runs"
  printf '  round %d %-6s %-17s %6.2f s wall %6.2f s cpu %5d MiB\n' "$round" "$build" "$name" "$wall" "$(echo "$user + $sys" | bc -l)" $((rss / 1024))
}

: >"$work/runs"
for ((i = 1; i <= runs; i++)); do
  for b in "${builds[@]}"; do
    rm -rf "$corpus/auditinfra-digests"
    measure "$i" "$b" verify "${binary[$b]} verify $range --format json"
    measure "$i" "$b" seal "${binary[$b]} seal $range --private-key $work/seal.pem"
    [[ $i == 1 ]] && echo "    $(head -1 "$work/out")"
    measure "$i" "$b" "verify --integrity" "${binary[$b]} verify $range --format json --integrity --public-key $work/seal.pub"
  done
done

python3 - "$work/runs" "${builds[@]}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
rows = [r[:2] + [" ".join(r[2:-5])] + r[-5:] for r in rows]  # the name may hold a space
builds = sys.argv[2:]
print(f"\n{len({r[0] for r in rows})} interleaved rounds; load average during the runs {min(float(r[7]) for r in rows):.2f}-{max(float(r[7]) for r in rows):.2f}")
print(f"{'build':<8}{'command':<20}{'wall best':>10}{'median':>8}{'cpu best':>10}{'median':>8}{'peak RSS':>10}")
def series(b, n, cpu):
    return [float(r[4]) + float(r[5]) if cpu else float(r[3]) for r in rows if r[1] == b and r[2] == n]
for b in builds:
    for n in ("verify", "seal", "verify --integrity"):
        w, c = series(b, n, False), series(b, n, True)
        rss = max(int(r[6]) for r in rows if r[1] == b and r[2] == n) // 1024
        print(f"{b:<8}{n:<20}{min(w):>9.2f}s{statistics.median(w):>7.2f}s{min(c):>9.2f}s{statistics.median(c):>7.2f}s{rss:>7d} MiB")
for b in builds:
    for n, goal in (("seal", 1.2), ("verify --integrity", 1.3)):
        for kind, cpu in (("wall", False), ("cpu", True)):
            per = [x / y for x, y in zip(series(b, n, cpu), series(b, "verify", cpu))]
            print(f"{b}: {n} / verify {kind}: {min(per):.2f} best, {statistics.median(per):.2f} median (target <= {goal})")
PY
