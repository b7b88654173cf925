#!/usr/bin/env node
// `npm run up`: everything a new user needs to see the service work, in the foreground.
// Installs what is missing, builds, starts a local Kafka (unless KAFKA_BROKERS is set), runs the worker with
// readable logs, publishes the bundled sample articles once, prints what comes out, and stops it all on Ctrl-C.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const http = require('node:http');
const { ensureInstalled } = require('./ensure-installed');

const root = join(__dirname, '..');
const env = { ...process.env };
const httpPort = Number(env.HTTP_PORT || 8080);
let startedKafka = false;
let worker;
let stopping = false;

function step(message) {
  process.stderr.write(`\x1b[1m▸ ${message}\x1b[0m\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function get(path) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port: httpPort, path, timeout: 2000 }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('error', () => resolve({ status: 0, body: '' }));
    request.on('timeout', () => request.destroy());
  });
}

async function waitReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await get('/health/ready')).status === 200) return;
    if (worker.exitCode !== null) throw new Error(`the worker exited with code ${worker.exitCode}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the worker was not ready after ${timeoutMs / 1000}s (see its log above)`);
}

// kafkajs with the project's fixes (libs/kafkajs, the read_committed filter above all); the build has just made it.
function kafkajs() {
  return require(join(root, 'dist/libs/kafkajs/src'));
}

async function publishSamples() {
  const { Kafka, logLevel } = kafkajs();
  const brokers = env.KAFKA_BROKERS.split(',');
  const kafka = new Kafka({ clientId: 'news-ingest-up', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  const lines = readFileSync(join(root, 'samples/demo-articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const topic = env.TOPIC_RAW || 'news.articles.raw.v1';
  await producer.send({
    topic,
    messages: lines.map((value) => {
      let key = null;
      try {
        key = JSON.parse(value).url ?? null;
      } catch {
        /* a bad sample keeps no key */
      }
      return { key, value };
    }),
  });
  await producer.disconnect();
  step(
    `published ${lines.length} sample articles to ${topic}; watch the worker's log, then open http://127.0.0.1:${httpPort}/status`,
  );
}

async function showOutputs(count) {
  // The worker's outputs are compressed (OUTPUT_COMPRESSION, zstd by default): plain kafkajs cannot read zstd
  // until the project's codecs are registered (the build has just made them).
  require(join(root, 'dist/libs/kafka/src')).registerCompressionCodecs();
  const { Kafka, logLevel } = kafkajs();
  const kafka = new Kafka({
    clientId: 'news-ingest-up-reader',
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `news-ingest-up-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  const topics = [
    env.TOPIC_ENRICHED || 'news.articles.enriched.v1',
    env.TOPIC_DUPLICATES || 'news.articles.duplicates.v1',
    env.TOPIC_DLQ || 'news.articles.dlq.v1',
  ];
  await consumer.subscribe({ topics, fromBeginning: false });
  let seen = 0;
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, 60_000);
    void consumer.run({
      eachMessage: async ({ topic, message }) => {
        const event = JSON.parse(message.value.toString());
        seen += 1;
        if (topic === topics[0]) {
          const countries = event.countries.map((c) => `${c.code}${c.primary ? '*' : ''}`).join(' ');
          const topicsList = event.topics.map((t) => t.id).join(', ');
          process.stdout.write(
            `\n\x1b[32menriched\x1b[0m ${event.title || event.url}\n  text: ${event.text.slice(0, 140).replace(/\n+/g, ' ')}…\n  countries (* primary): ${countries}\n  topics: ${topicsList}\n  people: ${event.entities
              .filter((e) => e.type === 'person')
              .map((e) => e.name)
              .join(', ')}\n`,
          );
        } else if (topic === topics[1]) {
          process.stdout.write(
            `\n\x1b[33mduplicate\x1b[0m ${event.url} → copy of ${event.duplicateOf} (${event.match}, similarity ${event.similarity})\n`,
          );
        } else {
          process.stdout.write(`\n\x1b[31mdead letter\x1b[0m ${event.error.code}: ${event.error.message}\n`);
        }
        if (seen >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  step('stopping');
  const finish = () => {
    if (startedKafka)
      spawnSync('bash', ['tools/kafka/kafka.sh', 'stop'], { cwd: root, stdio: 'inherit', env });
    process.exit(code);
  };
  if (worker && worker.exitCode === null) {
    worker.once('exit', finish);
    worker.kill('SIGTERM');
  } else finish();
}

async function main() {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  step('checking node modules');
  ensureInstalled();
  step('building');
  run('npm', ['run', '--silent', 'build']);
  if (!env.KAFKA_BROKERS) {
    step(
      'starting a local Apache Kafka broker (tools/kafka/kafka.sh); set KAFKA_BROKERS to use your own cluster',
    );
    const status = spawnSync('bash', ['tools/kafka/kafka.sh', 'status'], { cwd: root, env, stdio: 'ignore' });
    run('bash', ['tools/kafka/kafka.sh', 'start']);
    startedKafka = status.status !== 0;
    env.KAFKA_BROKERS = `127.0.0.1:${env.KAFKA_PORT || 9092}`;
  }
  env.LOG_PRETTY = env.LOG_PRETTY ?? 'true';
  env.HTTP_PORT = String(httpPort);
  step(`starting the worker (brokers ${env.KAFKA_BROKERS}, dedup store ${env.DEDUP_STORE || 'memory'})`);
  // The malloc settings of the image (apps/ingest-worker/src/allocator-env.ts), unless set already.
  const { ALLOCATOR_ENV } = require(join(root, 'dist/apps/ingest-worker/src/allocator-env.js'));
  worker = spawn(process.execPath, ['dist/apps/ingest-worker/src/main.js'], {
    cwd: root,
    env: { ...ALLOCATOR_ENV, ...env },
    stdio: 'inherit',
  });
  worker.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`worker exited with code ${code}\n`);
      stop(code || 1);
    }
  });
  await waitReady(120_000);
  const lines = readFileSync(join(root, 'samples/demo-articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim()).length;
  const reading = showOutputs(lines);
  await new Promise((r) => setTimeout(r, 2000));
  await publishSamples();
  await reading;
  step(
    `the worker keeps running: metrics at http://127.0.0.1:${httpPort}/metrics, status page at http://127.0.0.1:${httpPort}/status. Ctrl-C stops everything.`,
  );
}

main().catch((error) => {
  process.stderr.write(`npm run up: ${error.message}\n`);
  stop(1);
});
