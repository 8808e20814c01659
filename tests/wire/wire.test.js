// Wire check: calls pulumi-resource-auditinfra with Pulumi's own generated protobuf stubs (npm @pulumi/pulumi,
// proto/*_pb.js) over @grpc/grpc-js, the stack the engine's Go gRPC matches. Field numbers are thereby checked
// against Pulumi's definitions, not against our own .proto.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const protoDir = path.dirname(require.resolve('@pulumi/pulumi/proto/provider_pb.js'));
const grpc = require(require.resolve('@grpc/grpc-js', { paths: [protoDir] }));
const providerPb = require('@pulumi/pulumi/proto/provider_pb.js');
const providerGrpc = require('@pulumi/pulumi/proto/provider_grpc_pb.js');
const pluginPb = require('@pulumi/pulumi/proto/plugin_pb.js');
const engineGrpc = require('@pulumi/pulumi/proto/engine_grpc_pb.js');
const resourcePb = require('@pulumi/pulumi/proto/resource_pb.js');
const resourceGrpc = require('@pulumi/pulumi/proto/resource_grpc_pb.js');
const { Empty } = require(require.resolve('google-protobuf/google/protobuf/empty_pb.js', { paths: [protoDir] }));
const { Struct } = require(require.resolve('google-protobuf/google/protobuf/struct_pb.js', { paths: [protoDir] }));

const repo = path.resolve(__dirname, '../..');
const SIG = '4dabf18193072939515e22adb298388d';
const secret = (value) => ({ [SIG]: '1b47061264138c4ac30d75fd1eb44270', value });
const URN = 'urn:pulumi:wire::audit-logs::auditinfra:index:ObjectLockBucket::logs';
const TYPE = 'auditinfra:index:ObjectLockBucket';

/** The plugin folder is whatever Pulumi.yaml's plugins.providers entry for auditinfra says. */
function pluginPath() {
  const yaml = fs.readFileSync(path.join(repo, 'Pulumi.yaml'), 'utf8');
  const match = /-\s*name:\s*auditinfra\s*\n\s*path:\s*(\S+)/.exec(yaml);
  assert.ok(match, 'Pulumi.yaml names the auditinfra plugin folder');
  return path.join(repo, match[1], 'pulumi-resource-auditinfra');
}

function unary(client, method, request) {
  return new Promise((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response))));
}

let engine, engineAddress, plugin, client, portLine;
const logs = [];

test.before(async () => {
  engine = new grpc.Server();
  engine.addService(engineGrpc.EngineService, {
    log: (call, callback) => { logs.push(call.request.getMessage()); callback(null, new Empty()); },
  });
  const enginePort = await new Promise((resolve, reject) =>
    engine.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  engineAddress = `127.0.0.1:${enginePort}`;

  plugin = spawn(pluginPath(), [engineAddress], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  portLine = await new Promise((resolve, reject) => {
    let seen = '';
    plugin.on('error', reject);
    plugin.on('exit', (code) => reject(new Error(`plugin exited (${code}) before its port line; stdout: ${seen}`)));
    plugin.stdout.on('data', function onData(chunk) {
      seen += chunk.toString('latin1');
      const nl = seen.indexOf('\n');
      if (nl >= 0) { plugin.stdout.off('data', onData); resolve(seen.slice(0, nl + 1)); }
    });
  });
  client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${portLine.trim()}`, grpc.credentials.createInsecure());
});

test.after(async () => {
  client?.close();
  engine?.forceShutdown();
  if (plugin && plugin.exitCode === null) plugin.kill('SIGKILL');
});

test('launch: the first stdout line is only the port', () => {
  assert.match(portLine, /^[0-9]{1,5}\n$/);
});

test('Handshake accepts secrets and resources', async () => {
  const request = new providerPb.ProviderHandshakeRequest();
  request.setEngineAddress(engineAddress);
  request.setConfigureWithUrn(true);
  request.setSupportsRefreshBeforeUpdate(true);
  const response = await unary(client, 'handshake', request);
  assert.equal(response.getAcceptSecrets(), true);
  assert.equal(response.getAcceptResources(), true);
});

test('GetPluginInfo returns a semver version', async () => {
  const info = await unary(client, 'getPluginInfo', new Empty());
  assert.ok(info instanceof pluginPb.PluginInfo);
  assert.match(info.getVersion(), /^\d+\.\d+\.\d+/);
});

test('GetSchema returns the auditinfra package schema', async () => {
  const request = new providerPb.GetSchemaRequest();
  request.setVersion(0);
  const schema = JSON.parse((await unary(client, 'getSchema', request)).getSchema());
  assert.equal(schema.name, 'auditinfra');
  for (const token of ['auditinfra:index:ObjectLockBucket', 'auditinfra:index:AuditLogPipeline', 'auditinfra:index:AuditedLkeCluster']) {
    assert.ok(schema.resources[token], token);
  }
  assert.equal(schema.config.variables.secretKey.secret, true);
});

test('CheckConfig takes string config with secret envelopes and echoes version', async () => {
  const request = new providerPb.CheckRequest();
  request.setUrn('urn:pulumi:wire::audit-logs::pulumi:providers:auditinfra::default');
  request.setOlds(Struct.fromJavaScript({}));
  request.setNews(Struct.fromJavaScript({ s3Endpoint: 'https://us-ord-1.linodeobjects.com', region: 'us-ord', accessKey: secret('AK'), secretKey: secret('SK'), version: '0.1.0' }));
  const response = await unary(client, 'checkConfig', request);
  assert.deepEqual(response.getFailuresList(), []);
  assert.equal(response.getInputs().toJavaScript().version, '0.1.0');

  const configure = new providerPb.ConfigureRequest();
  configure.setArgs(response.getInputs());
  configure.setAcceptsecrets(true);
  configure.setAcceptresources(true);
  const configured = await unary(client, 'configure', configure);
  assert.equal(configured.getSupportspreview(), true);
  assert.equal(configured.getAcceptsecrets(), true);
});

function checkRequest(news) {
  const request = new providerPb.CheckRequest();
  request.setUrn(URN);
  request.setName('logs');
  request.setType(TYPE);
  request.setOlds(Struct.fromJavaScript({}));
  request.setNews(Struct.fromJavaScript(news));
  request.setRandomseed(Buffer.alloc(32));
  return request;
}

let checkedInputs;

test('Check normalizes valid inputs and names each bad property', async () => {
  const good = await unary(client, 'check', checkRequest({ bucketName: 'acme-audit-logs-wire', retention: { mode: 'COMPLIANCE', days: '365' } }));
  assert.deepEqual(good.getFailuresList(), []);
  checkedInputs = good.getInputs();
  assert.equal(checkedInputs.toJavaScript().retention.days, 365);

  const bad = await unary(client, 'check', checkRequest({ bucketName: 'No', retention: { mode: 'FOREVER', days: 1, years: 1 } }));
  const failed = bad.getFailuresList().map((f) => f.getProperty()).sort();
  assert.deepEqual(failed, ['bucketName', 'retention.mode', 'retention.years']);
});

function diffRequest(news) {
  const request = new providerPb.DiffRequest();
  request.setId('acme-audit-logs-wire');
  request.setUrn(URN);
  request.setName('logs');
  request.setType(TYPE);
  request.setOlds(checkedInputs);
  request.setOldInputs(checkedInputs);
  request.setNews(news);
  return request;
}

test('Diff answers DIFF_NONE for the same inputs and a delete-before-replace for a new name', async () => {
  const same = await unary(client, 'diff', diffRequest(checkedInputs));
  assert.equal(same.getChanges(), providerPb.DiffResponse.DiffChanges.DIFF_NONE);

  const renamed = Struct.fromJavaScript({ ...checkedInputs.toJavaScript(), bucketName: 'acme-audit-logs-wire2' });
  const replace = await unary(client, 'diff', diffRequest(renamed));
  assert.equal(replace.getChanges(), providerPb.DiffResponse.DiffChanges.DIFF_SOME);
  assert.deepEqual(replace.getReplacesList(), ['bucketName']);
  assert.equal(replace.getDeletebeforereplace(), true);
  assert.equal(replace.getHasdetaileddiff(), true);
  assert.equal(replace.getDetaileddiffMap().get('bucketName').getKind(), providerPb.PropertyDiff.Kind.UPDATE_REPLACE);
});

test('Create with preview returns expected outputs and an empty id', async () => {
  const request = new providerPb.CreateRequest();
  request.setUrn(URN);
  request.setName('logs');
  request.setType(TYPE);
  request.setProperties(checkedInputs);
  request.setPreview(true);
  const response = await unary(client, 'create', request);
  assert.equal(response.getId(), '');
  const outputs = response.getProperties().toJavaScript();
  assert.equal(outputs.bucketName, 'acme-audit-logs-wire');
  assert.equal(outputs.hostname, 'acme-audit-logs-wire.us-ord-1.linodeobjects.com');
  assert.equal(outputs.retention.mode, 'COMPLIANCE');
});

test('errors are clean gRPC statuses with their message', async () => {
  const request = checkRequest({});
  request.setType('auditinfra:index:Nope');
  await assert.rejects(unary(client, 'check', request), (error) => error.code === grpc.status.INVALID_ARGUMENT && /unknown resource type/.test(error.details));
});

test('Construct registers the pipeline through a ResourceMonitor served with Pulumi\'s stubs', async () => {
  const registered = [];
  let outputs;
  const monitor = new grpc.Server();
  monitor.addService(resourceGrpc.ResourceMonitorService, {
    registerResource: (call, callback) => {
      const r = call.request;
      registered.push(r);
      const response = new resourcePb.RegisterResourceResponse();
      const parentType = r.getParent() === '' || r.getParent().includes('::pulumi:pulumi:Stack::') ? '' : r.getParent().split('::')[2] + '$';
      response.setUrn(`urn:pulumi:wire::audit-logs::${parentType}${r.getType()}::${r.getName()}`);
      const object = r.getObject() ? r.getObject().toJavaScript() : {};
      if (r.getCustom()) {
        response.setId(String(100 + registered.length));
        if (r.getType() === 'linode:index/objectStorageKey:ObjectStorageKey') Object.assign(object, { accessKey: 'AK', secretKey: secret('SK') });
        if (r.getType() === TYPE) object.hostname = `${object.bucketName}.us-ord-1.linodeobjects.com`;
      }
      response.setObject(Struct.fromJavaScript(object));
      callback(null, response);
    },
    registerResourceOutputs: (call, callback) => { outputs = call.request.getOutputs().toJavaScript(); callback(null, new Empty()); },
  });
  const port = await new Promise((resolve, reject) =>
    monitor.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  try {
    const request = new providerPb.ConstructRequest();
    request.setProject('audit-logs');
    request.setStack('wire');
    request.setType('auditinfra:index:AuditLogPipeline');
    request.setName('auditPipeline');
    request.setParent('urn:pulumi:wire::audit-logs::pulumi:pulumi:Stack::audit-logs-wire');
    request.setMonitorendpoint(`127.0.0.1:${port}`);
    request.setProtect(true);
    request.setInputs(Struct.fromJavaScript({ region: 'us-ord', bucketName: 'acme-audit-logs-wire', retention: { mode: 'GOVERNANCE', days: 3 }, lkeClusterIds: ['4321'], readerKey: true }));
    request.getProvidersMap().set('linode', 'urn:pulumi:wire::audit-logs::pulumi:providers:linode::default_6_6_0::1');
    const deps = new providerPb.ConstructRequest.PropertyDependencies();
    deps.setUrnsList(['urn:pulumi:wire::audit-logs::auditinfra:index:AuditedLkeCluster::auditedCluster']);
    request.getInputdependenciesMap().set('lkeClusterIds', deps);

    const response = await unary(client, 'construct', request);

    assert.equal(response.getUrn(), 'urn:pulumi:wire::audit-logs::auditinfra:index:AuditLogPipeline::auditPipeline');
    assert.deepEqual(registered.map((r) => r.getName()), ['auditPipeline', 'auditPipeline-bucket', 'auditPipeline-destination-key',
      'auditPipeline-destination', 'auditPipeline-audit-stream', 'auditPipeline-lke-stream', 'auditPipeline-reader-key']);
    for (const child of registered.slice(1)) {
      assert.equal(child.getParent(), response.getUrn());
      assert.equal(child.getProtect(), true);
      assert.equal(child.getAcceptsecrets(), true);
    }
    const destination = registered.find((r) => r.getName() === 'auditPipeline-destination');
    assert.equal(destination.getProvider(), 'urn:pulumi:wire::audit-logs::pulumi:providers:linode::default_6_6_0::1');
    assert.equal(destination.getVersion(), '6.6.0');
    const details = destination.getObject().toJavaScript().akamaiObjectStorageDetails;
    assert.equal(details.accessKeyId, 'AK');
    assert.equal(details.accessKeySecret[SIG], '1b47061264138c4ac30d75fd1eb44270');
    const lke = registered.find((r) => r.getName() === 'auditPipeline-lke-stream');
    assert.deepEqual(lke.getObject().toJavaScript().details.clusterIds, [4321]);
    assert.ok(lke.getDependenciesList().includes('urn:pulumi:wire::audit-logs::auditinfra:index:AuditedLkeCluster::auditedCluster'));
    assert.equal(outputs.readerSecretKey[SIG], '1b47061264138c4ac30d75fd1eb44270');
    assert.equal(response.getState().toJavaScript().bucketName, 'acme-audit-logs-wire');
  } finally {
    monitor.forceShutdown();
  }
});

test('Cancel succeeds and SIGINT ends the plugin with exit code 0', async () => {
  await unary(client, 'cancel', new Empty());
  const exited = new Promise((resolve) => plugin.on('exit', (code, signal) => resolve({ code, signal })));
  const started = Date.now();
  plugin.kill('SIGINT');
  const { code } = await exited;
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 5000, 'exits within 5 s');
});
