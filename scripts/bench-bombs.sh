#!/usr/bin/env bash
# Peak memory and wall time of every reader command on hostile deliveries (issue 17), measured with /usr/bin/time -v:
#   valid      one ~7 MB gzip object of 2,000,000 valid records (~0.9 GB decompressed)
#   malformed  one ~38 KB gzip object of 20,000,000 malformed lines
# Prints one line per (input, command, build): exit code, wall and CPU (user+sys) seconds, peak RSS MiB, the end of
# stderr, and any stack trace (there must be none). Target: peak RSS < 256 MiB each.
#   scripts/bench-bombs.sh                     # both inputs, all commands
#   BOMB_DIR=/path scripts/bench-bombs.sh      # keep the inputs there (not removed)
#   AUDITINFRA_MaxObjectBytes=… is honoured like any setting (the decompressed cap per object).
#   AUDITINFRA_DLL=/path/auditinfra.dll scripts/bench-bombs.sh   # measure another build (e.g. before a change)
#   AUDITINFRA_DLL=/work/baseline/AuditInfra.Cli/auditinfra.dll:.build/cli/auditinfra.dll scripts/bench-bombs.sh
#                                              # several builds, ':'-separated: each command runs on each in turn
#                                              # (interleaved, so a busy machine slows both alike); the build is
#                                              # the last column
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
IFS=: read -r -a dlls <<<"${AUDITINFRA_DLL:-.build/cli/auditinfra.dll}"
[[ -n "${AUDITINFRA_DLL:-}" ]] || AUDITINFRA_BUILD=jit ./auditinfra --version >/dev/null
dir="${BOMB_DIR:-$(mktemp -d)}"
[[ -n "${BOMB_DIR:-}" ]] || trap 'rm -rf "$dir"' EXIT
python3 "$repo/scripts/make-bomb.py" valid "$dir/valid" 2000000 >/dev/null
python3 "$repo/scripts/make-bomb.py" malformed "$dir/malformed" 20000000 >/dev/null
run() {
  local input=$1 name=$2; shift 2
  local dll rc wall cpu rss
  for dll in "${dlls[@]}"; do
    rc=0
    [[ $name == sync ]] && rm -f "$dir/checkpoint.json"
    /usr/bin/time -v -o "$dir/time" dotnet "$dll" "$@" >/dev/null 2>"$dir/err" || rc=$?
    wall=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$dir/time" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' "$dir/time")
    rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$dir/time")
    # Any stack trace on stderr is a bug (issue 17: one clear line, never a trace).
    grep -qE '^\s+at [A-Za-z_.]+\(' "$dir/err" && echo "STACK TRACE from $name ($dll):" && head -5 "$dir/err"
    printf '%-10s %-15s exit %-3s %7.1f s wall %7.1f s cpu  peak RSS %5d MiB  %-40s %s\n' "$input" "$name" "$rc" "$wall" "$cpu" $((rss / 1024)) \
      "$(tail -c 120 "$dir/err" | tr '\n' ' ' | cut -c1-40)" "$dll"
  done
}
for input in valid malformed; do
  src="$dir/$input"
  range=(--from 2026-03-01 --to 2026-03-01)
  run "$input" verify verify --source "$src" "${range[@]}" --format json
  run "$input" query query --source "$src" "${range[@]}" --format jsonl
  # --limit 0 sorts a day of matches: past a budget in runs spilled to a private temporary file.
  run "$input" 'query --limit 0' query --source "$src" "${range[@]}" --limit 0 --format jsonl
  run "$input" export export --source "$src" "${range[@]}" --format csv
  run "$input" filter-options filter-options --source "$src" "${range[@]}"
  run "$input" detect detect --source "$src" "${range[@]}"
  run "$input" sync sync --source "$src" --checkpoint "$dir/checkpoint.json" --since 2026-03-01
done
