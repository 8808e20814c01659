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
# --use-current-runtime: the RID of this machine (linux-x64, linux-arm64...); PublishAot is set in the project.
# Debug symbols stay in obj/ (auditinfra.dbg is 2x the executable): users get one file.
dotnet publish "$repo/cli/AuditInfra.Cli/AuditInfra.Cli.csproj" -c Release --use-current-runtime -o "$out" \
  -p:CopyOutputSymbolsToPublishDirectory=false -nologo -v quiet -clp:NoSummary >&2
echo "$out/auditinfra"
