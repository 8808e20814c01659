#!/usr/bin/env bash
# Coverage-guided fuzzing with SharpFuzz 2.3.0 and AFL++ (Debian package afl++) of the reader's parsers: the record
# parser (record), the gzip line reader (gzip), the delivery-key parser (key); and of the policy check's readers: its
# YAML reader alone (policy-yaml) and a whole project of Pulumi.yaml, Pulumi.prod.yaml, policy.yaml and a preview's
# JSON through the check (policy-project). Publishes tests/AuditInfra.Reader.Fuzz twice: a plain copy (to replay what
# was found: an instrumented assembly run outside afl-fuzz dies with an AccessViolation) and a copy whose
# AuditInfra.Reader.dll, AuditInfra.Policy.dll and YamlDotNet.dll the sharpfuzz tool instruments. Runs afl-fuzz for
# FUZZ_SECONDS per target from the seeds in tests/AuditInfra.Reader.Fuzz/Seeds/<target>, and prints per target:
# executions, execs/s, corpus size, edges covered (bitmap), crashes and hangs. A crash or hang is copied to
# tests/AuditInfra.Reader.Fuzz/Regressions/<target>/ (replayed by AuditInfra.Reader.Tests or AuditInfra.Policy.Tests
# from then on), replayed once on the plain build to show the failure, and fails the run.
#
#   scripts/fuzz-reader.sh                    # 60 s per target (the longer run: FUZZ_SECONDS=3600)
#   FUZZ_SECONDS=20 scripts/fuzz-reader.sh gzip key policy-yaml
#   FUZZ_OUT=/path scripts/fuzz-reader.sh     # keep afl's output folders there (default: removed afterwards)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
(( ${#targets[@]} )) || targets=(record gzip key policy-yaml policy-project)
if ! command -v afl-fuzz >/dev/null; then
  # Like scripts/s3-start.sh with Ceph: Debian's package, installed once.
  echo "fuzz-reader: installing Debian's afl++ (about 30 s)"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
  command -v afl-fuzz >/dev/null || { echo "fuzz-reader: afl-fuzz is not installed (apt-get install afl++)" >&2; exit 1; }
fi

plain="$repo/.build/fuzz-plain"
bin="$repo/.build/fuzz"
tools="$repo/.build/tools"
echo "fuzz-reader: publishing tests/AuditInfra.Reader.Fuzz and instrumenting the reader, the policy check and YamlDotNet"
dotnet publish tests/AuditInfra.Reader.Fuzz -c Release -o "$plain" -nologo -v quiet -clp:NoSummary >/dev/null
[[ -x "$tools/sharpfuzz" ]] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
rm -rf "$bin"
cp -r "$plain" "$bin"
for assembly in AuditInfra.Reader.dll AuditInfra.Policy.dll YamlDotNet.dll; do
  msg="$("$tools/sharpfuzz" "$bin/$assembly" 2>&1)" || { echo "fuzz-reader: sharpfuzz failed on $assembly: $msg" >&2; exit 1; }
done

out="${FUZZ_OUT:-$(mktemp -d)}"
mkdir -p "$out"
[[ -n "${FUZZ_OUT:-}" ]] || trap 'rm -rf "$out"' EXIT
# Not a tty, no core dumps to wait for, a shared machine (no CPU binding or frequency check), a .NET target (no
# AFL instrumentation in the dotnet binary itself: SharpFuzz reports coverage through afl's shared memory).
export AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=0
status=0
for target in "${targets[@]}"; do
  seeds="$repo/tests/AuditInfra.Reader.Fuzz/Seeds/$target"
  [[ -d "$seeds" ]] || { echo "fuzz-reader: no seeds for target '$target'" >&2; exit 2; }
  # -t: a .NET input takes microseconds once warm, but the first ones JIT; -G caps input size (1 MiB).
  afl-fuzz -V "$seconds" -i "$seeds" -o "$out/$target" -t 5000 -m none -G 1048576 -- dotnet "$bin/AuditInfra.Reader.Fuzz.dll" "$target" \
    >"$out/$target.log" 2>&1 || { echo "fuzz-reader: afl-fuzz failed for $target; last lines:" >&2; tail -20 "$out/$target.log" >&2; status=1; continue; }
  stats="$out/$target/default/fuzzer_stats"
  get() { sed -nE "s/^$1 *: *(.*)$/\1/p" "$stats"; }
  crashes=$(get saved_crashes) hangs=$(get saved_hangs)
  printf 'fuzz-reader: %-6s %s s, %s executions (%s/s), corpus %s, edges %s (%s of the map), crashes %s, hangs %s\n' \
    "$target" "$(get run_time)" "$(get execs_done)" "$(get execs_per_sec)" "$(get corpus_count)" "$(get edges_found)" "$(get bitmap_cvg)" "$crashes" "$hangs"
  if (( crashes + hangs > 0 )); then
    status=1
    mkdir -p "$repo/tests/AuditInfra.Reader.Fuzz/Regressions/$target"
    for found in "$out/$target"/default/crashes/id:* "$out/$target"/default/hangs/id:*; do
      [[ -f "$found" ]] || continue
      name="$(sha1sum "$found" | cut -c1-16)"
      cp "$found" "$repo/tests/AuditInfra.Reader.Fuzz/Regressions/$target/$name"
      echo "fuzz-reader: $target found $name:"
      dotnet "$plain/AuditInfra.Reader.Fuzz.dll" "$target" --replay "$found" 2>&1 | head -3 || true
    done
  fi
done
exit $status
