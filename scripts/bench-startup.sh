#!/usr/bin/env bash
# Wall time, CPU time (user+sys) and peak RSS of `auditinfra verify`, for one build of the CLI or two side by side,
# interleaved (A B A B ...: the machine is shared, so both sides see the same neighbours). Prints every run, then per
# side the best and median wall and CPU seconds and the largest peak RSS, and the load average before and after.
#
# The small run (default): `verify --source samples/delivery --from 2026-11-01 --to 2026-11-03` (19 objects, 360
# records): what starting the program costs. With BENCH_CORPUS=DIR: verify over the benchmark corpus made by
# scripts/bench-corpus.sh (the long run: throughput, where the JIT's dynamic PGO could pay off).
#
#   CLI=.build/native/auditinfra scripts/bench-startup.sh
#   CLI="dotnet /work/baseline/AuditInfra.Cli/auditinfra.dll" CLI_B=.build/native/auditinfra RUNS=15 scripts/bench-startup.sh
#   BENCH_CORPUS=/work/bench-corpus BENCH_DAYS=38 CLI="dotnet .build/cli/auditinfra.dll" CLI_B=.build/native/auditinfra RUNS=3 scripts/bench-startup.sh
#
# CLI and CLI_B are command words (an executable, or `dotnet path/auditinfra.dll`). RUNS per side (default 11).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-11}"
sides=()
[[ -n "${CLI:-}" ]] || { echo "set CLI to the build to measure, e.g. CLI=.build/native/auditinfra" >&2; exit 2; }
sides+=("$CLI")
[[ -z "${CLI_B:-}" ]] || sides+=("$CLI_B")

if [[ -n "${BENCH_CORPUS:-}" ]]; then
  [[ -d "$BENCH_CORPUS/audit_logs" ]] || { echo "no corpus at $BENCH_CORPUS (make it with scripts/bench-corpus.sh)" >&2; exit 2; }
  from=2026-01-01
  to="$(date -u -d "$from + $((${BENCH_DAYS:-38} - 1)) days" +%F)"
  args=(verify --source "$BENCH_CORPUS" --from "$from" --to "$to")
else
  args=(verify --source samples/delivery --from 2026-11-01 --to 2026-11-03)
fi

echo "command: ${args[*]}"
echo "machine: $(nproc) cores, $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for ((i = 1; i <= runs; i++)); do
  for s in "${!sides[@]}"; do
    # shellcheck disable=SC2086 # the side is command words
    if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" ${sides[$s]} "${args[@]}" >"$tmp/out" 2>"$tmp/err"; then
      echo "side $s (${sides[$s]}) failed:" >&2
      cat "$tmp/err" >&2
      exit 1
    fi
    read -r wall user sys rss <"$tmp/time"
    cpu=$(echo "$user + $sys" | bc -l)
    echo "$wall $cpu $rss" >>"$tmp/side$s"
    printf '  run %2d side %s: wall %6.3f s  cpu %6.3f s  peak RSS %4d MiB\n' "$i" "$s" "$wall" "$cpu" $((rss / 1024))
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for s in "${!sides[@]}"; do
  # best and median (lower median for an even count) of wall and of CPU; largest RSS
  wall_best=$(cut -d' ' -f1 "$tmp/side$s" | sort -g | head -1)
  wall_med=$(cut -d' ' -f1 "$tmp/side$s" | sort -g | sed -n "$(((runs + 1) / 2))p")
  cpu_best=$(cut -d' ' -f2 "$tmp/side$s" | sort -g | head -1)
  cpu_med=$(cut -d' ' -f2 "$tmp/side$s" | sort -g | sed -n "$(((runs + 1) / 2))p")
  rss_max=$(cut -d' ' -f3 "$tmp/side$s" | sort -g | tail -1)
  printf 'side %s: wall best %.3f median %.3f s; cpu best %.3f median %.3f s; peak RSS %d MiB; %d runs: %s\n' \
    "$s" "$wall_best" "$wall_med" "$cpu_best" "$cpu_med" $((rss_max / 1024)) "$runs" "${sides[$s]}"
done
