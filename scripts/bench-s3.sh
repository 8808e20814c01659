#!/usr/bin/env bash
# Benchmark of `auditinfra verify` over S3 with network latency, against the floor of fetching every object 64 at a
# time through the same latency. Starts a private Ceph RGW (scripts/s3-start.sh) on its own ports, generates a
# delivery into a bucket, and puts a latency-injecting proxy (scripts/latency-proxy: the tests' YARP fault proxy
# with one "every request waits N ms" rule) in front of it. For each latency, RUNS interleaved rounds of:
#   floor   curl --parallel --parallel-max 64 (SigV4) GET of every object key, bodies discarded
#   before  verify with AUDITINFRA_CLI_BEFORE (optional; e.g. /work/baseline/AuditInfra.Cli/auditinfra.dll)
#   after   verify with AUDITINFRA_CLI (default: the launcher's build, .build/cli/auditinfra.dll)
# and prints best and median wall time and CPU time (user+sys), peak RSS, and each build's share of the floor
# (floor wall / verify wall; the target is >= 0.90 at the default parallelism, with no flag).
#
#   scripts/bench-s3.sh
#   AUDITINFRA_CLI_BEFORE=/work/baseline/AuditInfra.Cli/auditinfra.dll LATENCIES="30 80" RUNS=3 scripts/bench-s3.sh
# 0 ms is the reference without latency: verify then waits on CPU alone, so "after" at 30/80 ms close to "after" at
# 0 ms means the latency is hidden even where a loaded machine keeps verify from the curl floor.
# Objects hold 20 records (a few KiB, as Akamai's do), so the run is bound by requests rather than by parsing.
# Settings: LATENCIES (ms, default "0 30 80"), RUNS (3), BENCH_S3_DAYS (10), BENCH_RGW_PORT/BENCH_RGW_MON_PORT (7560/3360),
# BENCH_S3_SCALE (1): objects per day times this (1: 130 a day; Akamai delivers ~20 objects per 10 minutes and stream,
# so 10 is nearer a real day). verify lists ~8 folder levels one after another before its first GET, a fixed cost of
# ~8 round trips the curl floor (given the key list) does not pay; a larger corpus shows the fetch rate itself.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-3}"
latencies="${LATENCIES:-0 30 80}"
days="${BENCH_S3_DAYS:-10}"
scale="${BENCH_S3_SCALE:-1}"
after="${AUDITINFRA_CLI:-$repo/.build/cli/auditinfra.dll}"
before="${AUDITINFRA_CLI_BEFORE:-}"
port="${BENCH_RGW_PORT:-7560}"
mon_port="${BENCH_RGW_MON_PORT:-3360}"
work="$(mktemp -d -t auditinfra-bench-s3-XXXXXX)"
proxy_pid=""
cleanup() {
  [[ -n $proxy_pid ]] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
  RGW_DIR="$work/rgw" scripts/s3-stop.sh >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench-cli.sh
. "$repo/scripts/bench-cli.sh"
cli() { cli_argv "$1"; shift; "${CLI_ARGV[@]}" "$@"; }
[[ -z ${AUDITINFRA_CLI:-} ]] && ./auditinfra --help >/dev/null
for c in "$after" ${before:+"$before"}; do [[ -f $c ]] || { echo "no CLI at $c" >&2; exit 2; }; done

echo "==> RGW on 127.0.0.1:$port"
RGW_DIR="$work/rgw" RGW_PORT="$port" RGW_MON_PORT="$mon_port" scripts/s3-start.sh >/dev/null
set -a; . "$work/rgw/s3.env"; set +a

from=2026-03-01
to="$(date -u -d "$from + $((days - 1)) days" +%F)"
gen=(--from "$from" --to "$to" --accounts 2 --clusters 1 --config-objects $((40 * scale)) --login-objects $((5 * scale)) --k8s-objects $((20 * scale)) --records 20 --fast --no-empty --seed 7)
echo "==> generating $days days into s3://bench (and the same delivery into a folder, for the key list)"
cli "$after" generate --output s3://bench --endpoint "$S3_ENDPOINT" --create-bucket "${gen[@]}" >/dev/null
cli "$after" generate --output "$work/local" "${gen[@]}" >/dev/null
(cd "$work/local" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$work/keys"
objects=$(wc -l <"$work/keys")
records=$(find "$work/local" -name '*.gz' -print0 | xargs -0 zcat | wc -l)
stored=$(du -sb "$work/local" | cut -f1)
echo "corpus: $objects objects, $records records, $((stored / 1048576)) MiB stored"

echo "==> building the latency proxy"
dotnet build scripts/latency-proxy -c Release -o "$work/proxy" -nologo -v quiet -clp:NoSummary >"$work/proxy-build.log" 2>&1 \
  || { cat "$work/proxy-build.log" >&2; exit 2; }

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
best() { sort -n | head -1; }

for latency in $latencies; do
  dotnet "$work/proxy/LatencyProxy.dll" "$S3_ENDPOINT" "$latency" >"$work/proxy.out" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 1 200); do [[ -s $work/proxy.out ]] && break; sleep 0.1; done
  endpoint="$(head -1 "$work/proxy.out")"
  [[ $endpoint == http://127.0.0.1:* ]] || { echo "proxy did not start: $(cat "$work/proxy.out")" >&2; exit 2; }
  sed "s|.*|url = \"$endpoint/bench/&\"\noutput = \"/dev/null\"|" "$work/keys" >"$work/curl.cfg"
  : >"$work/floor.t"; : >"$work/before.t"; : >"$work/after.t"
  echo "==> $latency ms per request through $endpoint (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" curl -sS -f --no-progress-meter --parallel --parallel-max 64 -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
      --aws-sigv4 "aws:amz:${S3_REGION:-us-east-1}:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" -K "$work/curl.cfg"
    cat "$work/t" >>"$work/floor.t"
    line="  round $i: floor $(cut -d' ' -f1 "$work/t") s"
    for side in before after; do
      c="${!side}"; [[ -z $c ]] && continue
      set +e
      cli_argv "$c"
      /usr/bin/time -f '%e %U %S %M' -o "$work/t" "${CLI_ARGV[@]}" verify --source s3://bench --endpoint "$endpoint" \
        --from "$from" --to "$to" --format json >"$work/out.json" 2>"$work/err"
      code=$?
      set -e
      got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["records"])' "$work/out.json" 2>/dev/null || echo "?")
      if [[ $code != 0 || $got != "$records" ]]; then
        echo "$side: verify exited $code with $got of $records records: $(head -3 "$work/err")" >&2; exit 1
      fi
      tail -1 "$work/t" >>"$work/$side.t"
      line+=", $side $(tail -1 "$work/t" | cut -d' ' -f1) s"
    done
    echo "$line"
  done
  floor_best=$(cut -d' ' -f1 "$work/floor.t" | best)
  floor_median=$(cut -d' ' -f1 "$work/floor.t" | median)
  printf '  %-7s wall best %6.2f s median %6.2f s\n' floor "$floor_best" "$floor_median"
  for side in before after; do
    [[ -s $work/$side.t ]] || continue
    wb=$(cut -d' ' -f1 "$work/$side.t" | best); wm=$(cut -d' ' -f1 "$work/$side.t" | median)
    cb=$(awk '{ print $2 + $3 }' "$work/$side.t" | best); cm=$(awk '{ print $2 + $3 }' "$work/$side.t" | median)
    rss=$(cut -d' ' -f4 "$work/$side.t" | sort -n | tail -1)
    printf '  %-7s wall best %6.2f s median %6.2f s  CPU best %6.2f s median %6.2f s  peak RSS %d MiB  floor/verify best %.2f median %.2f\n' \
      "$side" "$wb" "$wm" "$cb" "$cm" $((rss / 1024)) "$(echo "$floor_best / $wb" | bc -l)" "$(echo "$floor_median / $wm" | bc -l)"
  done
  kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""
done
echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
