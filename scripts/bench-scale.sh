#!/usr/bin/env bash
# Memory and time of `auditinfra verify` as the range grows (issue #18: peak RSS <= 256 MB at 100 M records, time
# linear). One corpus of 1 M records per day (200 objects of 5,000 records: 2 accounts, 1 cluster each) serves every
# size: verifying its first N days reads N M records. Each size runs under /usr/bin/time; the table gives records,
# objects, wall, CPU (user+sys), CPU per M records and peak RSS, for the build measured and, in the same order, a
# "before" build. A size whose days are not all generated yet is skipped with a line, so the series can run while
# the corpus is still being written.
#
#   SCALE_DIR=/work/scale scripts/bench-scale.sh              # generate the corpus there if missing (~0.56 GB
#                                                             # uncompressed and ~0.1 GB stored per M records)
#   SIZES="1 8 30 100" AUDITINFRA_CLI=/path/auditinfra AUDITINFRA_CLI_BEFORE=/path/before scripts/bench-scale.sh
#   SCALE_GENERATE=0 ...                                      # measure the days that are there, never generate
#
# Generation is CPU-bound (about 6 s of CPU per M records with --fast) and runs at nice 19; 100 M records take
# ~10 min of CPU on 2 cores, or hours on a loaded machine.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dir="${SCALE_DIR:?set SCALE_DIR to the corpus folder (kept)}"
sizes="${SIZES:-1 8 30 100}"
after="${AUDITINFRA_CLI:-$repo/.build/cli/native/auditinfra}"
before="${AUDITINFRA_CLI_BEFORE:-}"
from=2026-01-01
max=0; for n in $sizes; do ((n > max)) && max=$n; done
to_of() { date -u -d "$from + $(($1 - 1)) days" +%F; }
# shellcheck source=bench-cli.sh
. "$repo/scripts/bench-cli.sh"
for cli in "$after" ${before:+"$before"}; do [[ -f $cli ]] || { echo "bench-scale: no such build: $cli" >&2; exit 2; }; done

if [[ ! -d "$dir/audit_logs" && ${SCALE_GENERATE:-1} == 1 ]]; then
  echo "==> generating $max days (${max} M records) into $dir"
  cli_argv "$after"
  nice -n 19 "${CLI_ARGV[@]}" generate --output "$dir" --from "$from" --to "$(to_of "$max")" --accounts 2 --clusters 1 \
    --config-objects 60 --login-objects 10 --k8s-objects 30 --records 5000 --fast --no-empty --seed 7
fi

# A day is whole when every one of its 200 objects is there (generate writes each file whole, then renames it).
whole_days() {
  local n=0 d
  for ((d = 1; d <= max; d++)); do
    local day; day="$(date -u -d "$from + $((d - 1)) days" +%Y/%m/%d)"
    (($(find "$dir" -path "*/$day/*" -name '*.gz' | wc -l) == 200)) || break
    n=$d
  done
  echo "$n"
}
have=$(whole_days)
work="$(mktemp -d -t auditinfra-bench-scale-XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "corpus: $dir, $have whole days; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %6s %10s %8s %9s %9s %10s %9s %s\n' build days records objects wall cpu "cpu/M rec" "peak RSS" load
for n in $sizes; do
  if ((n > have)); then echo "  ${n} M: only $have days are whole; skipped"; continue; fi
  for build in ${before:+before} after; do
    cli=$after; [[ $build == before ]] && cli=$before
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" bash -c "$(cli_words "$cli") verify --source $(printf '%q' "$dir") --from $from --to $(to_of "$n") --format json" \
      >"$work/out" 2>"$work/err" && rc=0 || rc=$?
    ((rc == 0)) || { echo "bench-scale: $build at $n days exited $rc: $(tail -3 "$work/err")" >&2; exit 1; }
    read -r wall user sys rss <"$work/time"
    read -r records objects < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["records"], s["objects"])' "$work/out")
    cpu=$(echo "$user + $sys" | bc -l)
    printf '%-8s %6d %10d %8d %8.1fs %8.1fs %9.2fs %5d MiB %s\n' "$build" "$n" "$records" "$objects" "$wall" "$cpu" \
      "$(echo "$cpu / ($records / 1000000)" | bc -l)" $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
