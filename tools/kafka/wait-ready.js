#!/usr/bin/env node
// Waits until a broker answers metadata requests, then warms up the group and transaction
// coordinators: on a fresh broker __consumer_offsets and __transaction_state are created lazily by
// the first FindCoordinator, and until they are loaded every consumer loops on "coordinator not
// available". Doing it once here keeps that delay out of every test and of the worker's start-up.
//
// usage: node wait-ready.js <host:port>[,<host:port>...] <timeout seconds>
// exit 0 ready, 1 timed out (last error on stderr), 2 kafkajs is not installed (run npm ci).
'use strict';

let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  process.stderr.write('wait-ready: kafkajs is not installed; run `npm ci` first\n');
  process.exit(2);
}
const { Kafka, logLevel } = kafkajs;

const brokers = (process.argv[2] || '127.0.0.1:9092').split(',');
const deadline = Date.now() + Number(process.argv[3] || 90) * 1000;
const probe = `local-kafka-probe`;

const kafka = new Kafka({
  clientId: 'local-kafka-wait-ready',
  brokers,
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1000,
  requestTimeout: 5000,
  // short retries inside one attempt; the loop below retries the whole attempt until the deadline
  retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
});

async function once() {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.listTopics(); // a metadata request
    await admin.describeGroups([probe]); // FindCoordinator(group) creates __consumer_offsets
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ transactionalId: probe, maxInFlightRequests: 1, idempotent: true });
  await producer.connect();
  try {
    const tx = await producer.transaction(); // InitProducerId creates __transaction_state
    await tx.abort();
  } finally {
    await producer.disconnect();
  }
}

async function main() {
  let lastError;
  while (Date.now() < deadline) {
    try {
      await once();
      return 0;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  process.stderr.write(`wait-ready: ${brokers.join(',')} not ready: ${lastError && lastError.message}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`wait-ready: ${error.stack || error}\n`);
    process.exit(1);
  },
);
