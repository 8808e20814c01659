#!/usr/bin/env bash
# Wire check of the provider plugin with Pulumi's official generated JS stubs (npm @pulumi/pulumi, proto/*_pb.js)
# over @grpc/grpc-js: Handshake, GetPluginInfo, GetSchema, CheckConfig/Configure, Check, Diff, a preview Create,
# Construct against a ResourceMonitor served with the same stubs,
# a clean error, Cancel and SIGINT. Field numbers are thereby checked against Pulumi's, not against our .proto.
# Needs the Release build (scripts/test.sh builds it first; otherwise this builds the plugin project).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
wire="$repo/tests/wire"
plugin="$repo/components/AuditInfra.Provider/bin/Release/native/pulumi-resource-auditinfra"

command -v node >/dev/null || { echo "provider-wire: node is not installed (apt-get install nodejs npm)" >&2; exit 1; }
if [[ ! -x "$plugin" ]]; then
  echo "provider-wire: building the plugin (Release)"
  dotnet build "$repo/components/AuditInfra.Provider" -c Release -nologo -v quiet -clp:NoSummary
fi

echo "provider-wire: npm ci (@pulumi/pulumi, @grpc/grpc-js; versions pinned in tests/wire/package-lock.json)"
(cd "$wire" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "provider-wire: calling $plugin with Pulumi's generated stubs"
cd "$wire"
node --test --test-reporter=spec wire.test.js
