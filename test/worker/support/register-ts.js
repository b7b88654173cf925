// Runs the worker's TypeScript sources in a child process without a build step (the integration tests start
// real worker processes and kill them): transpiles each .ts file on load and maps the @news/* aliases.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { threadId } = require('node:worker_threads');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..', '..');
const { compilerOptions } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config;
const options = ts.convertCompilerOptionsFromJson(compilerOptions, root).options;
options.sourceMap = false;
options.inlineSourceMap = true;

// The @news/* aliases of tsconfig.json's paths ('@news/kafka' → libs/kafka/src, '@news/kafka/nest' →
// libs/kafka/src/nest): Node then finds the directory's index.ts or the file's .ts through the hook below.
const aliases = new Map(
  Object.entries(compilerOptions.paths ?? {}).map(([name, [target]]) => [name, path.join(root, target)]),
);
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  const target = aliases.get(request);
  return originalResolve.call(this, target ?? request, parent, ...rest);
};

// Restarted workers (the crash test kills them repeatedly) reuse earlier transpilations, keyed by content.
const cacheDir = path.join(os.tmpdir(), 'news-ingest-ts-cache', ts.version);
fs.mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    // Pipeline threads load this hook too and share the process id: the temporary name must be unique per
    // thread, or two threads compiling the same file rename one file twice (ENOENT). The cache is only a
    // speed-up, so a failed write is not an error.
    const temporary = `${cached}.${process.pid}.${threadId}.${crypto.randomBytes(4).toString('hex')}`;
    try {
      fs.writeFileSync(temporary, output);
      fs.renameSync(temporary, cached);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  }
  module._compile(output, filename);
};
