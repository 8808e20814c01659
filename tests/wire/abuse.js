// HTTP/2 and gRPC abuse of pulumi-resource-auditinfra, measured (run through scripts/abuse-provider.sh):
// the gRPC status each probe gets, whether the plugin keeps serving, and its resident memory (VmRSS now, VmHWM
// peak) from /proc. Frames are written by hand with node:http2 so that a probe can break the rules a stub keeps.
//   [SKIP_LARGE=1] [LARGE_ONLY=1] [IDLE_CONNECTIONS=N] node abuse.js <plugin executable> [large message MB, default 200]
// LARGE_ONLY runs only the large-message probes: one large Check alone, then three at once, each followed by the
// plugin's RSS 3 s and 15 s later (whether memory goes back after the call).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http2 = require('node:http2');
const net = require('node:net');

const [plugin, largeMbArg = '200'] = process.argv.slice(2);
const MB = 1024 * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number((status.match(new RegExp(`${name}:\\s+(\\d+)`)) || [0, 0])[1]);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

function start() {
  const child = spawn(plugin, ['127.0.0.1:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  return new Promise((resolve, reject) => {
    let seen = '';
    child.on('error', reject);
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      if (seen.includes('\n')) resolve({ child, port: Number(seen.trim()) });
    });
  });
}

// --- protobuf by hand: just enough for CheckRequest{urn=1, news=3 Struct, type=7} with one big string field ---
function varint(n) {
  const bytes = [];
  while (n > 127) { bytes.push((n & 127) | 128); n = Math.floor(n / 128); }
  bytes.push(n);
  return Buffer.from(bytes);
}
const field = (number, payload) => Buffer.concat([varint(number * 8 + 2), varint(payload.length), payload]);
function checkRequest(blobBytes) {
  const value = field(3, Buffer.alloc(blobBytes, 'a')); // Value.string_value
  const entry = Buffer.concat([field(1, Buffer.from('blob')), field(2, value)]); // map entry key/value
  const news = field(1, entry); // Struct.fields
  return Buffer.concat([
    field(1, Buffer.from('urn:pulumi:abuse::p::auditinfra:index:ObjectLockBucket::b')),
    field(3, news),
    field(7, Buffer.from('auditinfra:index:ObjectLockBucket')),
  ]);
}
function grpcFrame(message, declared = message.length) {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(declared, 1);
  return Buffer.concat([header, message]);
}

// One unary call on a session; resolves with the grpc-status (trailers or trailers-only headers) and bytes read.
function call(session, method, body, { read = true, timeoutMs = 120000 } = {}) {
  return new Promise((resolve) => {
    const stream = session.request({ ':method': 'POST', ':path': `/pulumirpc.ResourceProvider/${method}`, 'content-type': 'application/grpc', te: 'trailers' });
    let status = null; let message = ''; let bytes = 0;
    const timer = setTimeout(() => { stream.close(); resolve({ status: 'timeout', bytes }); }, timeoutMs);
    stream.on('response', (h) => { if (h['grpc-status'] !== undefined) { status = h['grpc-status']; message = h['grpc-message'] || ''; } });
    stream.on('trailers', (h) => { status = h['grpc-status']; message = h['grpc-message'] || ''; });
    stream.on('data', (d) => { bytes += d.length; });
    if (!read) stream.pause();
    stream.on('close', () => { clearTimeout(timer); resolve({ status, message: decodeURIComponent(message), bytes, rst: stream.rstCode }); });
    stream.on('error', () => {});
    stream.end(body);
  });
}
const connect = (port) => new Promise((resolve, reject) => {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  session.on('error', () => {});
  session.once('remoteSettings', () => resolve(session));
  session.once('error', reject);
});
// Whether the plugin answers a call within 5 s on a new connection (a refused connection is "no").
async function alive(port) {
  const attempt = (async () => {
    const session = await connect(port);
    const r = await call(session, 'GetPluginInfo', grpcFrame(Buffer.alloc(0)), { timeoutMs: 5000 });
    session.destroy();
    return r.status === '0';
  })().catch(() => false);
  return Promise.race([attempt, sleep(5000).then(() => false)]);
}

(async () => {
  const largeBytes = Number(largeMbArg) * MB;
  const { child, port } = await start();
  const pid = child.pid;
  const log = (name, result) => console.log(`${name.padEnd(44)} ${result}  | plugin RSS ${memory(pid).rss} MiB, peak ${memory(pid).peak} MiB`);
  log('idle after start', '');

  let s = await connect(port);
  let r = await call(s, 'Check', grpcFrame(Buffer.alloc(10), 1000));
  log('length prefix 1000, body 10 bytes', `grpc-status ${r.status} "${r.message}"`);
  r = await call(s, 'Check', grpcFrame(Buffer.alloc(64 * 1024), 500_000_000));
  log('length prefix 500 MB, body 64 KiB', `grpc-status ${r.status} "${r.message}"`);

  // Many streams at once on one connection, more than SETTINGS_MAX_CONCURRENT_STREAMS.
  const remoteMax = s.remoteSettings.maxConcurrentStreams;
  const many = await Promise.all(Array.from({ length: 1000 }, () => call(s, 'GetPluginInfo', grpcFrame(Buffer.alloc(0)), { timeoutMs: 60000 })));
  const counts = many.reduce((m, x) => { const k = x.status === null ? `reset(${x.rst})` : `status ${x.status}`; m[k] = (m[k] || 0) + 1; return m; }, {});
  log(`1000 concurrent streams (server max ${remoteMax})`, JSON.stringify(counts));
  s.close();

  if (!process.env.SKIP_LARGE) {
  // Large Check calls: the plugin echoes the inputs back. First one alone (its peak is the per-message cost), then
  // three at once; after each, the RSS 3 s and 15 s later shows whether the memory went back.
  const big = grpcFrame(checkRequest(largeBytes));
  for (const count of [1, 3]) {
    const sessions = await Promise.all(Array.from({ length: count }, () => connect(port)));
    const before = memory(pid).rss;
    let peakDuring = 0;
    const sampler = setInterval(() => { peakDuring = Math.max(peakDuring, memory(pid).rss); }, 50);
    const bigResults = await Promise.all(sessions.map((x) => call(x, 'Check', big)));
    clearInterval(sampler);
    const added = peakDuring - before;
    log(`${count} concurrent Check of ${largeMbArg} MB each`, `statuses ${bigResults.map((x) => x.status).join(',')}, answers ${bigResults.map((x) => Math.round(x.bytes / MB)).join('/')} MiB, sampled peak RSS ${peakDuring} MiB (${(peakDuring / (count * largeBytes / MB)).toFixed(2)}x the messages; ${(added / (count * largeBytes / MB)).toFixed(2)}x above the ${before} MiB before)`);
    sessions.forEach((x) => x.close());
    await sleep(3000);
    log(`  3 s after the ${count} large call(s)`, '');
    await sleep(12000);
    log(`  15 s after the ${count} large call(s)`, '');
  }
  if (process.env.LARGE_ONLY) {
    child.kill('SIGINT');
    console.log(`SIGINT: exit code ${await new Promise((resolve) => child.on('exit', (c) => resolve(c)))}`);
    return;
  }

  // A client that sends a 50 MB Check and never reads the answer.
  const stalled = await connect(port);
  const t0 = Date.now();
  const pending = call(stalled, 'Check', grpcFrame(checkRequest(50 * MB)), { read: false, timeoutMs: 90000 });
  await sleep(5000);
  log('client stops reading a 50 MB answer (5 s)', '');
  const stalledResult = await pending;
  log('  ... the stalled call ended', `after ${((Date.now() - t0) / 1000).toFixed(1)} s: status ${stalledResult.status}, rst ${stalledResult.rst}, read ${stalledResult.bytes} bytes`);
  stalled.destroy();
  }

  // Idle TCP connections that never speak.
  const target = Number(process.env.IDLE_CONNECTIONS || 19000);
  const sockets = [];
  let opened = 0; let closedEarly = 0; let failed = 0;
  for (let i = 0; i < target; i++) {
    const sock = net.connect(port, '127.0.0.1');
    sock.on('connect', () => { opened++; });
    sock.on('close', () => { closedEarly++; });
    sock.on('error', () => { failed++; });
    sockets.push(sock);
    if (i % 500 === 499) await sleep(20);
  }
  await sleep(2000);
  log(`${target} idle connections (2 s)`, `connected ${opened}, closed by the server ${closedEarly}, errors ${failed}; serving: ${await alive(port)}`);
  const tIdle = Date.now();
  while (closedEarly < opened && Date.now() - tIdle < 30000) await sleep(500);
  log(`  ... after ${((Date.now() - tIdle) / 1000).toFixed(0)} s more`, `closed by the server ${closedEarly} of ${target}; serving: ${await alive(port)}`);
  sockets.forEach((x) => x.destroy());

  // Half-open: speaks the HTTP/2 preface once, then goes silent (as a peer that vanished without FIN would).
  const silent = net.connect(port, '127.0.0.1');
  const tSilent = Date.now();
  silent.on('connect', () => silent.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' + '\x00\x00\x00\x04\x00\x00\x00\x00\x00'));
  silent.on('error', () => {});
  silent.resume();
  const silentClosed = await new Promise((resolve) => { silent.on('close', () => resolve((Date.now() - tSilent) / 1000)); setTimeout(() => resolve(null), 120000); });
  log('silent connection after the preface', silentClosed === null ? 'still open after 120 s' : `closed by the server after ${silentClosed.toFixed(1)} s`);
  silent.destroy();

  child.kill('SIGINT');
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  console.log(`SIGINT: exit code ${code}`);
})().catch((e) => { console.error(e); process.exit(1); });
