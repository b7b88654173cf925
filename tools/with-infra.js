#!/usr/bin/env node
// Runs a command with the infrastructure the integration tests need: a Kafka broker and a Redis server.
//
//   node tools/with-infra.js <command> [args...]
//
// Kafka: KAFKA_BROKERS set → that cluster is used as it is. Unset → the local broker of tools/kafka/kafka.sh
// is started (or reused) and the child gets KAFKA_BROKERS=127.0.0.1:<KAFKA_PORT or 9092>.
// Redis: REDIS_URL (default redis://127.0.0.1:6379) must answer PING; a local one that does not is started
// with redis-server (installed with apt-get when missing and we are root).
//
// A broker started here is left running, so the next run starts in a second (stop it with
// `npm run kafka:stop`); with CI=true, whatever this script started is stopped when the command ends.
// Plain Node on purpose: it runs before anything is built.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const kafkaScript = path.join(root, 'tools', 'kafka', 'kafka.sh');
const ci = /^(1|true|yes)$/i.test(process.env.CI || '');
const env = { ...process.env };
// `node tools/with-infra.js jest ...` works outside npm scripts too.
env.PATH = [path.join(root, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(path.delimiter);

function say(message) {
  process.stderr.write(`with-infra: ${message}\n`);
}

function kafkaSh(command, quiet = false) {
  return spawnSync('bash', [kafkaScript, command], {
    cwd: root,
    env,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
  }).status;
}

/** Sends PING to Redis over a raw socket (no client library needed) and resolves true on +PONG. */
function redisAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      // "-NOAUTH" still proves a Redis server is there; the tests' own client brings the password.
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
  });
}

function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function installRedis() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !have('apt-get')) return false;
  say('redis-server not found; installing it with apt-get');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
  return (
    spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: aptEnv })
      .status === 0
  );
}

async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Returns the port of a Redis this script started (so CI can stop it), or undefined. */
async function ensureRedis() {
  env.REDIS_URL = env.REDIS_URL || 'redis://127.0.0.1:6379';
  let url;
  try {
    url = new URL(env.REDIS_URL);
  } catch {
    throw new Error(`REDIS_URL=${JSON.stringify(env.REDIS_URL)} is not a URL`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await redisAnswers(host, port)) return undefined;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host))
    throw new Error(`Redis at ${env.REDIS_URL} does not answer`);

  if (!have('redis-server') && !installRedis())
    throw new Error('redis-server is not installed (apt-get install redis-server)');
  say(`starting redis-server on 127.0.0.1:${port}`);
  // No persistence: the tests' data is disposable and snapshots would only cost disk and time.
  const started = spawnSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    {
      stdio: 'inherit',
    },
  );
  if (started.status !== 0 || !(await waitFor(() => redisAnswers(host, port), 10_000))) {
    throw new Error(`redis-server did not answer on port ${port}`);
  }
  return port;
}

/** True when this run started the broker (it was not already running and KAFKA_BROKERS was unset). */
function ensureKafka() {
  if (env.KAFKA_BROKERS && env.KAFKA_BROKERS.trim() !== '') {
    say(`using KAFKA_BROKERS=${env.KAFKA_BROKERS}`);
    return false;
  }
  const port = env.KAFKA_PORT || '9092';
  const wasRunning = kafkaSh('status', true) === 0;
  if (kafkaSh('start') !== 0) throw new Error('the local Kafka broker did not start (see the lines above)');
  env.KAFKA_BROKERS = `127.0.0.1:${port}`;
  return !wasRunning;
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    say('usage: node tools/with-infra.js <command> [args...]');
    return 64;
  }

  let startedKafka = false;
  let startedRedisPort;
  const cleanUp = () => {
    if (!ci) return;
    if (startedKafka) kafkaSh('stop');
    if (startedRedisPort !== undefined)
      spawnSync('redis-cli', ['-p', String(startedRedisPort), 'shutdown', 'nosave'], { stdio: 'ignore' });
  };

  try {
    startedRedisPort = await ensureRedis();
    startedKafka = ensureKafka();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    cleanUp();
    return 1;
  }
  if (startedKafka && !ci)
    say('the local broker keeps running for the next run; stop it with `npm run kafka:stop`');

  const child = spawn(command, args, {
    cwd: process.cwd(),
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  // The terminal delivers Ctrl-C to the child too; forwarding covers signals sent to this process alone.
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => {
    child.on('error', (error) => {
      say(`cannot run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (status, signal) =>
      resolve(status ?? (signal ? 128 + (os.constants.signals[signal] || 0) : 1)),
    );
  });
  cleanUp();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
