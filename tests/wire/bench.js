// Benchmark of pulumi-resource-auditinfra as the engine meets it (run through scripts/bench-provider.sh):
// time from process start to the port line, and the latency of Check and Diff per call over h2c gRPC,
// measured with Pulumi's own generated stubs and @grpc/grpc-js.
//   node bench.js <plugin executable> [start runs] [calls]
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const protoDir = path.dirname(require.resolve('@pulumi/pulumi/proto/provider_pb.js'));
const grpc = require(require.resolve('@grpc/grpc-js', { paths: [protoDir] }));
const providerPb = require('@pulumi/pulumi/proto/provider_pb.js');
const providerGrpc = require('@pulumi/pulumi/proto/provider_grpc_pb.js');
const { Struct } = require(require.resolve('google-protobuf/google/protobuf/struct_pb.js', { paths: [protoDir] }));

const [plugin, runsArg = '15', callsArg = '2000'] = process.argv.slice(2);
const URN = 'urn:pulumi:bench::audit-logs::auditinfra:index:ObjectLockBucket::logs';

function startPlugin() {
  const started = process.hrtime.bigint();
  const child = spawn(plugin, ['127.0.0.1:1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.on('error', reject);
    child.stdout.on('data', function onData(chunk) {
      seen += chunk.toString();
      if (seen.includes('\n')) {
        child.stdout.off('data', onData);
        resolve({ child, port: seen.trim(), ms: Number(process.hrtime.bigint() - started) / 1e6 });
      }
    });
  });
}

const stop = (child) => new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGINT'); });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const unary = (client, method, request) => new Promise((resolve, reject) => client[method](request, (e, r) => (e ? reject(e) : resolve(r))));

async function timeCalls(client, method, request, calls) {
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    await unary(client, method, request);
    times.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  return times;
}

(async () => {
  const starts = [];
  for (let i = 0; i < Number(runsArg); i++) {
    const { child, ms } = await startPlugin();
    starts.push(ms);
    await stop(child);
  }
  console.log(`start-to-port  runs=${starts.length}  median=${median(starts).toFixed(0)} ms  min=${Math.min(...starts).toFixed(0)} ms  max=${Math.max(...starts).toFixed(0)} ms`);

  const { child, port } = await startPlugin();
  const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const inputs = Struct.fromJavaScript({ bucketName: 'acme-audit-logs-bench', retention: { mode: 'COMPLIANCE', days: 365 } });
  const check = new providerPb.CheckRequest();
  check.setUrn(URN); check.setType('auditinfra:index:ObjectLockBucket'); check.setName('logs');
  check.setOlds(Struct.fromJavaScript({})); check.setNews(inputs);
  const diff = new providerPb.DiffRequest();
  diff.setUrn(URN); diff.setType('auditinfra:index:ObjectLockBucket'); diff.setName('logs'); diff.setId('acme-audit-logs-bench');
  diff.setOlds(inputs); diff.setOldInputs(inputs); diff.setNews(inputs);

  // The engine's first RPC is Handshake; it also pays for the HTTP/2 connection, so it is timed on its own.
  const handshake = (await timeCalls(client, 'handshake', new providerPb.ProviderHandshakeRequest(), 1))[0];
  console.log(`connect + first RPC (Handshake)=${(handshake / 1000).toFixed(1)} ms`);
  const firstCheck = (await timeCalls(client, 'check', check, 1))[0];
  const firstDiff = (await timeCalls(client, 'diff', diff, 1))[0];
  const calls = Number(callsArg);
  const checks = await timeCalls(client, 'check', check, calls);
  const diffs = await timeCalls(client, 'diff', diff, calls);
  const line = (name, first, xs) =>
    console.log(`${name.padEnd(6)} first call=${(first / 1000).toFixed(1)} ms  then calls=${xs.length}  median=${median(xs).toFixed(0)} µs  p95=${pct(xs, 0.95).toFixed(0)} µs  p99=${pct(xs, 0.99).toFixed(0)} µs`);
  line('Check', firstCheck, checks);
  line('Diff', firstDiff, diffs);
  client.close();
  await stop(child);
})().catch((e) => { console.error(e); process.exit(1); });
