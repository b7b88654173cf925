#!/usr/bin/env node
// Runs `npm ci` when node_modules is missing or does not match package-lock.json, so that `npm test` (its
// pretest) and `npm run up` work first on a fresh clone. Plain Node with no dependencies: it runs before any are
// installed.
//
// "Matches" compares the lock with the hidden lockfile npm writes into node_modules at every install
// (node_modules/.package-lock.json): every package the lock requires must be installed at the locked version.
// Optional packages (other platforms' native binaries) may be absent. Timestamps are not compared, so an edit of
// package.json that changes no dependency (a script) does not reinstall.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** Why node_modules needs (re)installing, or null when it matches the lock. */
function staleReason() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  if (!existsSync(installed)) return 'node_modules was not installed by npm 7 or later';
  const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(wanted)) {
    if (path === '' || entry.link) continue;
    const present = have[path];
    if (!present) {
      if (entry.optional || entry.devOptional) continue;
      return `${path} is not installed`;
    }
    if (present.version !== entry.version)
      return `${path} is ${present.version}, the lock says ${entry.version}`;
  }
  return null;
}

function main() {
  const reason = staleReason();
  if (reason === null) return;
  process.stderr.write(`ensure-installed: ${reason}; running npm ci\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`ensure-installed: npm ci failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}

if (require.main === module) main();

module.exports = { staleReason, ensureInstalled: main };
