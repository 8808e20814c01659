#!/usr/bin/env bash
# Peak memory and wall time of every reader command on hostile deliveries (issue 17), measured with /usr/bin/time -v:
#   valid      one ~7 MB gzip object of 2,000,000 valid records (~0.9 GB decompressed)
#   malformed  one ~38 KB gzip object of 20,000,000 malformed lines
# Prints one line per (input, command): exit code, wall seconds, peak RSS MiB. Target: peak RSS < 256 MiB each
# (known exceptions on the valid bomb, documented in docs/investigation.md: query --limit 0 and detect).
#   scripts/bench-bombs.sh                     # both inputs, all commands
#   BOMB_DIR=/path scripts/bench-bombs.sh      # keep the inputs there (not removed)
#   AUDITINFRA_MaxObjectBytes=… is honoured like any setting (the decompressed cap per object).
#   AUDITINFRA_DLL=/path/auditinfra.dll scripts/bench-bombs.sh   # measure another build (e.g. before a change)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dll="${AUDITINFRA_DLL:-.build/cli/auditinfra.dll}"
[[ -n "${AUDITINFRA_DLL:-}" ]] || AUDITINFRA_BUILD=jit ./auditinfra --version >/dev/null
dir="${BOMB_DIR:-$(mktemp -d)}"
[[ -n "${BOMB_DIR:-}" ]] || trap 'rm -rf "$dir"' EXIT
python3 "$repo/scripts/make-bomb.py" valid "$dir/valid" 2000000 >/dev/null
python3 "$repo/scripts/make-bomb.py" malformed "$dir/malformed" 20000000 >/dev/null
run() {
  local input=$1 name=$2; shift 2
  local rc=0
  /usr/bin/time -v -o "$dir/time" dotnet "$dll" "$@" >/dev/null 2>"$dir/err" || rc=$?
  local wall rss
  wall=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$dir/time" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$dir/time")
  printf '%-10s %-15s exit %-3s %7.1f s  peak RSS %5d MiB  %s\n' "$input" "$name" "$rc" "$wall" $((rss / 1024)) "$(tail -c 160 "$dir/err" | tr '\n' ' ')"
}
for input in valid malformed; do
  src="$dir/$input"
  range=(--from 2026-03-01 --to 2026-03-01)
  run "$input" verify verify --source "$src" "${range[@]}" --format json
  run "$input" query query --source "$src" "${range[@]}" --format jsonl
  # --limit 0 sorts a whole day of matches in memory (docs/investigation.md, Limits): over the target on a bomb day.
  run "$input" 'query --limit 0' query --source "$src" "${range[@]}" --limit 0 --format jsonl
  run "$input" export export --source "$src" "${range[@]}" --format csv
  run "$input" filter-options filter-options --source "$src" "${range[@]}"
  run "$input" detect detect --source "$src" "${range[@]}"
  rm -f "$dir/checkpoint.json"
  run "$input" sync sync --source "$src" --checkpoint "$dir/checkpoint.json" --since 2026-03-01
done
