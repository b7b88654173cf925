#!/usr/bin/env node
// Builds and packs @news-ingest/consumer (packages/consumer) as a downstream service gets it, and installs the
// tarball into a plain Node project outside the monorepo's node_modules.
//
//   node tools/consumer-kit.js pack                  build, npm pack into packages/consumer/.pack; prints its path
//   node tools/consumer-kit.js install DIR           pack, then npm install the tarball in DIR (has package.json)
//   node tools/consumer-kit.js subscribe [ARGS...]   install into examples/story-subscriber and run it with ARGS
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGE_DIR = path.join(ROOT, 'packages', 'consumer');
const PACK_DIR = path.join(PACKAGE_DIR, '.pack');
const EXAMPLE_DIR = path.join(ROOT, 'examples', 'story-subscriber');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Compiles the package (its sources and the repository sources it is built from) into a staging folder beside
 * its package.json and README, and packs that into `destination`. Nothing is written into the checkout but the
 * tarball, so that runs in parallel (a test and a developer) do not trip over each other's dist/.
 */
function pack(destination = PACK_DIR) {
  const config = path.join(PACKAGE_DIR, 'tsconfig.build.json');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'news-ingest-consumer-'));
  try {
    const dist = path.join(staging, 'dist');
    run(path.join(BIN, 'tsc'), ['-p', config, '--outDir', dist], ROOT);
    run(path.join(BIN, 'tsc-alias'), ['-p', config, '--outDir', dist], ROOT);
    for (const file of ['package.json', 'README.md'])
      fs.copyFileSync(path.join(PACKAGE_DIR, file), path.join(staging, file));
    fs.mkdirSync(destination, { recursive: true });
    const out = execFileSync(NPM, ['pack', '--json', '--pack-destination', destination], {
      cwd: staging,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [{ filename }] = JSON.parse(out);
    return path.join(destination, filename);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** npm install of the tarball in `dir`; its dependencies (kafkajs, typebox, codecs) come from npm's cache first. */
function install(dir) {
  if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`${dir} has no package.json`);
  const tarball = pack(fs.mkdtempSync(path.join(os.tmpdir(), 'news-ingest-consumer-pack-')));
  try {
    run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', tarball], dir);
  } finally {
    fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
  }
}

function subscribe(args) {
  install(EXAMPLE_DIR);
  const child = spawn(process.execPath, [path.join(EXAMPLE_DIR, 'subscriber.js'), ...args], {
    cwd: EXAMPLE_DIR,
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'pack') {
    process.stdout.write(`${pack()}\n`);
  } else if (command === 'install' && rest.length === 1) {
    install(path.resolve(rest[0]));
  } else if (command === 'subscribe') {
    subscribe(rest);
  } else {
    process.stderr.write('usage: consumer-kit.js pack | install DIR | subscribe [ARGS...]\n');
    process.exit(2);
  }
}

main();
