#!/usr/bin/env bash
# Stops the Ceph daemons scripts/s3-start.sh started, by the PIDs in $RGW_DIR/run, and waits until they exit.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RGW_DIR="${RGW_DIR:-$repo/.rgw/dev}"
[[ -d "$RGW_DIR/run" ]] || exit 0
pids=()
# radosgw first (it needs the cluster to shut down cleanly), then the OSD, then the monitor.
for name in client.rgw.a osd.0 mon.a; do
  f="$RGW_DIR/run/$name.pid"
  [[ -f "$f" ]] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  fi
done
deadline=$((SECONDS + 20))
for pid in "${pids[@]}"; do
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then kill -KILL "$pid" 2>/dev/null; break; fi
    sleep 0.1
  done
done
rm -f "$RGW_DIR"/run/*.pid
echo "s3-stop: stopped ${#pids[@]} process(es)" >&2
