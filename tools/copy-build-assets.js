#!/usr/bin/env node
// The part of `npm run build` that tsc does not do: files the compiled code reads at run time beside itself
// (the Redis claim script's .lua files, the office-holder gazetteer) are copied from libs/ into dist/ at the same relative path.
'use strict';
const { copyFileSync, mkdirSync, readdirSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
// The office-holder gazetteer is read with require() only when the tagging snapshot is (re)built, so tsc does
// not copy it as it copies the JSON files the code imports.
const ASSET = /\.lua$|^politicians\.json$/;

function* assetsUnder(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* assetsUnder(path);
    else if (ASSET.test(entry.name)) yield path;
  }
}

let copied = 0;
for (const source of assetsUnder(join(root, 'libs'))) {
  const target = join(root, 'dist', relative(root, source));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  copied += 1;
}
if (copied === 0) {
  process.stderr.write('copy-build-assets: no assets found under libs/\n');
  process.exit(1);
}
