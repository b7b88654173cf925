// Runs the worker's TypeScript sources in a child process without a build step (the integration tests start
// real worker processes and kill them): transpiles each .ts file on load and maps the @news/* aliases.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..', '..');
const { compilerOptions } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config;
const options = ts.convertCompilerOptionsFromJson(compilerOptions, root).options;
options.sourceMap = false;
options.inlineSourceMap = true;

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  const alias = /^@news\/([a-z-]+)$/.exec(request);
  if (alias) request = path.join(root, 'libs', alias[1], 'src', 'index.ts');
  return originalResolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
