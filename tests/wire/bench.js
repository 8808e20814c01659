// Benchmark of pulumi-resource-auditinfra as the engine meets it (run through scripts/bench-provider.sh):
// time from process start to the port line (wall, and the plugin's own CPU time until then), from process start to
// the answer of a GetPluginInfo sent as soon as the port line arrived (what the engine waits for before its first
// real call: a plugin may announce its port before it serves), the first Check, and the latency of Check and Diff
// per call over h2c gRPC, measured with Pulumi's own generated stubs and @grpc/grpc-js. Several builds are measured
// interleaved (A B A B ...), so that a shared machine's load falls on all of them alike; the load average is
// printed before and after.
//   node bench.js [--runs N] [--calls N] [--analyzer] label=<plugin executable> [label=<plugin executable> ...]
// --analyzer: the plugins are policy pack analyzers (started with a pack folder, pulumirpc.Analyzer); only the
// start figures are measured.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const protoDir = path.dirname(require.resolve('@pulumi/pulumi/proto/provider_pb.js'));
const grpc = require(require.resolve('@grpc/grpc-js', { paths: [protoDir] }));
const providerPb = require('@pulumi/pulumi/proto/provider_pb.js');
const providerGrpc = require('@pulumi/pulumi/proto/provider_grpc_pb.js');
const { Struct } = require(require.resolve('google-protobuf/google/protobuf/struct_pb.js', { paths: [protoDir] }));

const options = { runs: 15, calls: 2000, analyzer: false };
const plugins = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs' || argv[i] === '--calls') options[argv[i].slice(2)] = Number(argv[++i]);
  else if (argv[i] === '--analyzer') options.analyzer = true;
  else if (argv[i].includes('=')) { const at = argv[i].indexOf('='); plugins.push({ label: argv[i].slice(0, at), file: argv[i].slice(at + 1) }); }
  else throw new Error(`unexpected argument ${argv[i]}`);
}
if (plugins.length === 0) throw new Error('usage: node bench.js [--runs N] [--calls N] label=<plugin> ...');
const URN = 'urn:pulumi:bench::audit-logs::auditinfra:index:ObjectLockBucket::logs';

/** CPU time (ms) the process has used so far, over all its threads (schedstat: nanoseconds on a CPU), and peak RSS. */
function usage(pid) {
  let ns = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try { ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]); } catch { /* thread ended */ }
  }
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const peakKb = Number((status.match(/VmHWM:\s+(\d+)/) || [0, 0])[1]);
  return { cpuMs: ns / 1e6, peakMiB: peakKb / 1024 };
}

function startPlugin(file) {
  const started = process.hrtime.bigint();
  const args = options.analyzer ? ['127.0.0.1:1', os.tmpdir()] : ['127.0.0.1:1'];
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'], cwd: os.tmpdir() });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.on('error', reject);
    child.stdout.on('data', function onData(chunk) {
      seen += chunk.toString();
      if (seen.includes('\n')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        child.stdout.off('data', onData);
        resolve({ child, port: seen.trim(), ms, started, ...usage(child.pid) });
      }
    });
  });
}

/** Start to the answer of GetPluginInfo (empty request) sent on a new connection as soon as the port line came. */
function firstAnswer(port, started) {
  const service = options.analyzer ? 'pulumirpc.Analyzer' : 'pulumirpc.ResourceProvider';
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(`/${service}/GetPluginInfo`, () => Buffer.alloc(0), (b) => b, {}, (e) => {
      client.close();
      if (e) reject(e); else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

const stop = (child) => new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGINT'); });
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const unary = (client, method, request) => new Promise((resolve, reject) => client[method](request, (e, r) => (e ? reject(e) : resolve(r))));
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function timeCalls(client, method, request, calls) {
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    await unary(client, method, request);
    times.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  return times;
}

function requests() {
  const inputs = Struct.fromJavaScript({ bucketName: 'acme-audit-logs-bench', retention: { mode: 'COMPLIANCE', days: 365 } });
  const check = new providerPb.CheckRequest();
  check.setUrn(URN); check.setType('auditinfra:index:ObjectLockBucket'); check.setName('logs');
  check.setOlds(Struct.fromJavaScript({})); check.setNews(inputs);
  const diff = new providerPb.DiffRequest();
  diff.setUrn(URN); diff.setType('auditinfra:index:ObjectLockBucket'); diff.setName('logs'); diff.setId('acme-audit-logs-bench');
  diff.setOlds(inputs); diff.setOldInputs(inputs); diff.setNews(inputs);
  return { check, diff };
}

(async () => {
  console.log(`load average before: ${load()}  (${os.cpus().length} cores)`);
  const results = new Map(plugins.map((p) => [p.label, { starts: [], answers: [], cpuAnswer: [], cpu: [], peak: [], handshake: [], firstCheck: [], checks: [], diffs: [] }]));

  // Start to port line, interleaved: A B A B ...
  for (let i = 0; i < options.runs; i++) {
    for (const p of plugins) {
      const r = results.get(p.label);
      const { child, port, ms, started, cpuMs, peakMiB } = await startPlugin(p.file);
      r.starts.push(ms); r.cpu.push(cpuMs); r.peak.push(peakMiB);
      r.answers.push(await firstAnswer(port, started));
      r.cpuAnswer.push(usage(child.pid).cpuMs);
      await stop(child);
    }
  }

  // First calls of a fresh process, then per-call latency in interleaved blocks.
  const { check, diff } = requests();
  const running = [];
  for (const p of options.analyzer ? [] : plugins) {
    const { child, port } = await startPlugin(p.file);
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const r = results.get(p.label);
    // The engine's first RPC is Handshake; it also pays for the HTTP/2 connection, so it is timed on its own.
    r.handshake.push((await timeCalls(client, 'handshake', new providerPb.ProviderHandshakeRequest(), 1))[0]);
    r.firstCheck.push((await timeCalls(client, 'check', check, 1))[0]);
    running.push({ p, child, client });
  }
  const block = 100;
  for (let done = 0; done < options.calls; done += block) {
    for (const { p, client } of running) {
      const r = results.get(p.label);
      r.checks.push(...await timeCalls(client, 'check', check, Math.min(block, options.calls - done)));
      r.diffs.push(...await timeCalls(client, 'diff', diff, Math.min(block, options.calls - done)));
    }
  }
  for (const { child, client } of running) { client.close(); await stop(child); }

  console.log(`load average after:  ${load()}`);
  for (const p of plugins) {
    const r = results.get(p.label);
    console.log(`== ${p.label}: ${p.file}`);
    console.log(`  start-to-port   runs=${r.starts.length}  best=${Math.min(...r.starts).toFixed(1)} ms  median=${median(r.starts).toFixed(1)} ms  max=${Math.max(...r.starts).toFixed(1)} ms`);
    console.log(`  start-to-answer best=${Math.min(...r.answers).toFixed(1)} ms  median=${median(r.answers).toFixed(1)} ms  max=${Math.max(...r.answers).toFixed(1)} ms  (GetPluginInfo sent when the port line came)`);
    console.log(`  CPU to answer   best=${Math.min(...r.cpuAnswer).toFixed(1)} ms  median=${median(r.cpuAnswer).toFixed(1)} ms`);
    console.log(`  CPU to port     best=${Math.min(...r.cpu).toFixed(1)} ms  median=${median(r.cpu).toFixed(1)} ms  (all threads, user+sys)  peak RSS at port line ${median(r.peak).toFixed(0)} MiB`);
    if (options.analyzer) continue;
    console.log(`  connect + Handshake ${(r.handshake[0] / 1000).toFixed(1)} ms   first Check ${(r.firstCheck[0] / 1000).toFixed(1)} ms`);
    for (const [name, xs] of [['Check', r.checks], ['Diff', r.diffs]].filter(([, xs]) => xs.length > 0)) {
      console.log(`  ${name.padEnd(6)} calls=${xs.length}  best=${Math.min(...xs).toFixed(0)} µs  median=${median(xs).toFixed(0)} µs  p95=${pct(xs, 0.95).toFixed(0)} µs  p99=${pct(xs, 0.99).toFixed(0)} µs`);
    }
  }
})().catch((e) => { console.error(e); process.exit(1); });
