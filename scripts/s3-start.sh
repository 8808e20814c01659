#!/usr/bin/env bash
# Starts a single-node Ceph cluster (1 mon, 1 memstore OSD, no mgr) and radosgw on 127.0.0.1 only: a real S3
# endpoint with versioning and Object Lock for the tests. Installs Debian's packages when they are missing.
#
#   scripts/s3-start.sh            start; writes $RGW_DIR/s3.env and prints the endpoint
#   scripts/s3-stop.sh             stop what this started (by the PIDs in $RGW_DIR/run)
#
# Settings (environment): RGW_DIR (default <repo>/.rgw), RGW_PORT (7480), RGW_MON_PORT (3300),
# RGW_STORE_BYTES (4 GiB of RAM at most for stored data), RGW_ACCESS_KEY / RGW_SECRET_KEY.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RGW_DIR="${RGW_DIR:-$repo/.rgw/dev}"
RGW_PORT="${RGW_PORT:-7480}"
RGW_MON_PORT="${RGW_MON_PORT:-3300}"
RGW_STORE_BYTES="${RGW_STORE_BYTES:-4294967296}"
ACCESS_KEY="${RGW_ACCESS_KEY:-AUDITINFRATESTKEY000}"
SECRET_KEY="${RGW_SECRET_KEY:-auditinfra-test-secret-key-0000000000000}"
ENDPOINT="http://127.0.0.1:$RGW_PORT"
say() { echo "s3-start: $*" >&2; }

install_if_missing() {
  local missing=0
  for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool curl; do
    command -v "$bin" >/dev/null 2>&1 || missing=1
  done
  ((missing == 0)) && return 0
  say "installing ceph-mon ceph-osd radosgw ceph-common from Debian's packages (about 40 s)"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    ceph-mon ceph-osd radosgw ceph-common curl >/dev/null
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_instance() {
  local f
  for f in "$RGW_DIR"/run/*.pid; do
    [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null && return 0
  done
  return 1
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what="$2"
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then say "timed out waiting for $what; logs in $RGW_DIR/log"; return 1; fi
    sleep 0.2
  done
}

install_if_missing
if [[ -d "$RGW_DIR/run" ]] && running_instance; then
  say "an instance from $RGW_DIR is already running; stop it with scripts/s3-stop.sh"
  exit 1
fi
for port in "$RGW_PORT" "$RGW_MON_PORT"; do
  if port_taken "$port"; then say "port $port on 127.0.0.1 is taken"; exit 1; fi
done

started_ok=0
cleanup_on_failure() { ((started_ok == 1)) || RGW_DIR="$RGW_DIR" "$repo/scripts/s3-stop.sh" >/dev/null 2>&1 || true; }
trap cleanup_on_failure EXIT

rm -rf "$RGW_DIR"
mkdir -p "$RGW_DIR"/{run,log,asok,mon.a,osd.0}
export CEPH_CONF="$RGW_DIR/ceph.conf"
fsid="$(cat /proc/sys/kernel/random/uuid)"
cat >"$CEPH_CONF" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$RGW_MON_PORT
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon data avail crit = 0
mon data avail warn = 0
run dir = $RGW_DIR/run
pid file = $RGW_DIR/run/\$name.pid
admin socket = $RGW_DIR/asok/\$name.asok
log file = $RGW_DIR/log/\$name.log
keyring = $RGW_DIR/keyring

[mon]
mon data = $RGW_DIR/mon.\$id
paxos propose interval = 0.05
paxos min wait = 0.01

[osd]
osd data = $RGW_DIR/osd.\$id
osd objectstore = memstore
memstore device bytes = $RGW_STORE_BYTES

[client.rgw.a]
# tcp_nodelay: without it, Nagle and delayed ACKs hold each response on a reused connection ~45 ms (measured).
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT tcp_nodelay=1
rgw thread pool size = 64
ms mon client mode = crc
auth client required = none
rgw data = $RGW_DIR/rgw
CONF

ceph-authtool --create-keyring "$RGW_DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool "$RGW_DIR/keyring" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$RGW_MON_PORT]" "$RGW_DIR/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$RGW_DIR/monmap" --keyring "$RGW_DIR/keyring" 2>/dev/null
ceph-mon -i a
wait_for 30 "the monitor" ceph --connect-timeout 2 mon stat

osd_uuid="$(cat /proc/sys/kernel/random/uuid)"
osd_id="$(ceph osd new "$osd_uuid")"
ceph-osd -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" 2>/dev/null
ceph-osd -i "$osd_id" 2>/dev/null
osd_up() { [[ "$(ceph osd stat -f json 2>/dev/null | grep -o '"num_up_osds":[0-9]*' | cut -d: -f2)" == "1" ]]; }
wait_for 60 "the OSD" osd_up

radosgw -n client.rgw.a
wait_for 60 "radosgw on $ENDPOINT" curl -fsS -o /dev/null "$ENDPOINT/"

radosgw-admin user create --uid=auditinfra-test --display-name="AuditInfra tests" \
  --access-key="$ACCESS_KEY" --secret="$SECRET_KEY" >/dev/null
signed_list() {
  curl -fsS -o /dev/null --aws-sigv4 "aws:amz:us-east-1:s3" --user "$ACCESS_KEY:$SECRET_KEY" \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" "$ENDPOINT/"
}
wait_for 30 "a signed ListBuckets to succeed" signed_list

cat >"$RGW_DIR/s3.env" <<ENV
S3_ENDPOINT=$ENDPOINT
S3_ACCESS_KEY=$ACCESS_KEY
S3_SECRET_KEY=$SECRET_KEY
S3_REGION=us-east-1
AWS_ACCESS_KEY_ID=$ACCESS_KEY
AWS_SECRET_ACCESS_KEY=$SECRET_KEY
AWS_REQUEST_CHECKSUM_CALCULATION=when_required
AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
CEPH_CONF=$CEPH_CONF
ENV
started_ok=1
say "ready: $ENDPOINT (environment in $RGW_DIR/s3.env)"
echo "S3_ENDPOINT=$ENDPOINT"
