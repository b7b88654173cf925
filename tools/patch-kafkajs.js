#!/usr/bin/env node
// Installs news-ingest's read_committed filter into kafkajs (runs as the package's postinstall).
//
// kafkajs 2.2.4 filters aborted transactional records with the broker's list of aborted transactions, assuming
// that list is sorted by first offset and activating at most one entry per record. The broker sorts it by abort
// order, so when transactions overlap (a fenced writer's transaction aborted after another producer's), a
// read_committed kafkajs consumer is handed records of an aborted transaction. The worker's exactly-once
// guarantee holds on the broker (Kafka's own read_committed readers never see them), but every kafkajs reader
// (this worker's consumer of the raw topic, `dlq inspect/replay`, the tests, downstream services) must filter
// correctly too. The replacement is tools/kafkajs/filterAbortedMessages.js; libs/kafka checks at start-up that
// it is in place (`assertReadCommittedFilter`).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const UPSTREAM_SHA256 = '54ce50f2a41ee1686da8b73bf8b502c7dd07c9d7cb0a494cdb36a7fc536ced8e'; // kafkajs 2.2.4
const replacement = fs.readFileSync(path.join(__dirname, 'kafkajs', 'filterAbortedMessages.js'));
const OURS_MARKER = '// news-ingest: read_committed filter';

function main() {
  let target;
  try {
    target = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js', {
      paths: [path.join(__dirname, '..')],
    });
  } catch {
    console.log('patch-kafkajs: kafkajs is not installed, nothing to patch');
    return;
  }
  const current = fs.readFileSync(target);
  if (current.equals(replacement)) {
    console.log('patch-kafkajs: read_committed filter already in place');
    return;
  }
  const sha = crypto.createHash('sha256').update(current).digest('hex');
  // An earlier version of our own replacement (the file changed since this checkout's install) is updated too.
  const earlierOurs = current.subarray(0, OURS_MARKER.length).toString('utf8') === OURS_MARKER;
  if (sha !== UPSTREAM_SHA256 && !earlierOurs) {
    // Another kafkajs version: do not overwrite code we have not read; the start-up check will say if it leaks.
    console.warn(
      `patch-kafkajs: ${target} is not the kafkajs 2.2.4 file this patch replaces (sha256 ${sha}); left as is`,
    );
    return;
  }
  fs.writeFileSync(target, replacement);
  console.log(
    `patch-kafkajs: ${earlierOurs ? 'updated' : 'installed'} the read_committed filter fix in kafkajs`,
  );
}

main();
