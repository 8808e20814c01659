#!/usr/bin/env bash
# Publishes the `auditinfra` command line as a self-contained native executable (Native AOT: no .NET runtime needed
# where it runs) for this machine's platform, into DIR (default .build/native), and prints its path.
# Needs the .NET SDK and a C toolchain (gcc or clang, for the final link); takes 1-3 min of CPU on 2 cores.
#
#   scripts/publish.sh               # .build/native/auditinfra
#   scripts/publish.sh /usr/local/lib/auditinfra
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$repo/.build/native}" && cd "${1:-$repo/.build/native}" && pwd)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Instruction set (x64): Native AOT compiles for the x86-64-v2 baseline by default, where Avx2.IsSupported is false,
# so the record scan's AVX2 path (RecordParser.IndexedScan) and the runtime's 256-bit searches are never taken.
# x86-64-v3 (AVX2: every x64 server CPU since 2013-2015) is the default when this machine has AVX2; the executable
# then stops with "The required instruction sets are not supported by the current CPU" on an older one.
# AUDITINFRA_ISA overrides it: native (this CPU, e.g. AVX-512), x86-64-v2 (any x64 CPU), or a list ILC takes.
isa="${AUDITINFRA_ISA:-}"
if [[ -z "$isa" && "$(uname -m)" == x86_64 ]] && grep -qw avx2 /proc/cpuinfo 2>/dev/null; then isa=x86-64-v3; fi
# --use-current-runtime: the RID of this machine (linux-x64, linux-arm64...); PublishAot is set in the project.
# Debug symbols stay in obj/ (auditinfra.dbg is 2x the executable): users get one file.
dotnet publish "$repo/cli/AuditInfra.Cli/AuditInfra.Cli.csproj" -c Release --use-current-runtime -o "$out" \
  ${isa:+"-p:IlcInstructionSet=$isa"} -p:CopyOutputSymbolsToPublishDirectory=false -nologo -v quiet -clp:NoSummary >&2
echo "$out/auditinfra"
