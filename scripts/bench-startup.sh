#!/usr/bin/env bash
# What starting the command line costs: the small run `verify --source samples/delivery --from 2026-11-01 --to
# 2026-11-03` (19 objects, 360 records, < 5 ms of work), timed under /usr/bin/time for one build or for a "before"
# and an "after" build interleaved (before, after, before, after ...: the machine is shared, so both see the same
# neighbours). Prints every run, then per build the best and median of wall time and of CPU time (user+sys) and the
# largest peak RSS, and the load average before and after. A run that does not exit 0 stops the benchmark.
# The long run (throughput over the 1 GB corpus) is scripts/bench-verify.sh, which takes the same variables.
#
#   AUDITINFRA_CLI=.build/cli/native/auditinfra scripts/bench-startup.sh
#   AUDITINFRA_CLI=.build/cli/native/auditinfra AUDITINFRA_CLI_BEFORE=/work/baseline/AuditInfra.Cli/auditinfra.dll \
#     RUNS=21 scripts/bench-startup.sh
#
# A build ending in .dll runs with `dotnet`; anything else is an executable (the native build). RUNS: default 11.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=bench-cli.sh
. "$repo/scripts/bench-cli.sh"
runs="${RUNS:-11}"
[[ -n "${AUDITINFRA_CLI:-}" ]] || { echo "bench-startup: set AUDITINFRA_CLI to the build to measure" >&2; exit 2; }
names=() builds=()
[[ -z "${AUDITINFRA_CLI_BEFORE:-}" ]] || { names+=(before); builds+=("$AUDITINFRA_CLI_BEFORE"); }
names+=(after); builds+=("$AUDITINFRA_CLI")
for b in "${builds[@]}"; do [[ -f $b ]] || { echo "bench-startup: no such build: $b" >&2; exit 2; }; done
args=(verify --source samples/delivery --from 2026-11-01 --to 2026-11-03)

echo "command: ${args[*]}"
echo "machine: $(nproc) cores, $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for ((i = 1; i <= runs; i++)); do
  for k in "${!builds[@]}"; do
    cli_argv "${builds[$k]}"
    if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "${CLI_ARGV[@]}" "${args[@]}" >"$tmp/out" 2>"$tmp/err"; then
      echo "bench-startup: ${names[$k]} (${builds[$k]}) failed: $(tail -3 "$tmp/err")" >&2
      exit 1
    fi
    read -r wall user sys rss <"$tmp/time"
    cpu=$(echo "$user + $sys" | bc -l)
    echo "$wall $cpu $rss" >>"$tmp/${names[$k]}"
    printf '  run %2d %-6s wall %6.3f s  cpu %6.3f s  peak RSS %4d MiB\n' "$i" "${names[$k]}" "$wall" "$cpu" $((rss / 1024))
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for k in "${!builds[@]}"; do
  f="$tmp/${names[$k]}"
  mid=$(((runs + 1) / 2)) # the median of an odd count; the lower middle of an even one
  printf '%-6s wall best %.3f median %.3f s; cpu best %.3f median %.3f s; peak RSS %d MiB (%d runs of %s)\n' "${names[$k]}" \
    "$(cut -d' ' -f1 "$f" | sort -g | head -1)" "$(cut -d' ' -f1 "$f" | sort -g | sed -n "${mid}p")" \
    "$(cut -d' ' -f2 "$f" | sort -g | head -1)" "$(cut -d' ' -f2 "$f" | sort -g | sed -n "${mid}p")" \
    $(($(cut -d' ' -f3 "$f" | sort -g | tail -1) / 1024)) "$runs" "${builds[$k]}"
done
