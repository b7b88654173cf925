#!/usr/bin/env node
// The `news-ingest` command: runs the compiled CLI (npm run build first).
'use strict';
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('news-ingest: not built yet; run `npm run build` in the repository first\n');
  process.exit(2);
}
require(entry).runCli(process.argv);
