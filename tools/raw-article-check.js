#!/usr/bin/env node
// Rewrites RAW_ARTICLE_CHECK_SOURCE in libs/pipeline/src/raw-article-check.ts from the built contracts
// (`npm run build` first): the source TypeBox generates for RawArticleSchema.
'use strict';
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');
const { TypeCompiler } = require('@sinclair/typebox/compiler');
const { RawArticleSchema } = require('../dist/libs/contracts/src/schemas');

const file = join(__dirname, '..', 'libs', 'pipeline', 'src', 'raw-article-check.ts');
const code = TypeCompiler.Code(RawArticleSchema, [], { language: 'javascript' });
const text = readFileSync(file, 'utf8');
const next = text.replace(
  /export const RAW_ARTICLE_CHECK_SOURCE =\n {2}"(?:[^"\\]|\\.)*";/,
  `export const RAW_ARTICLE_CHECK_SOURCE =\n  ${JSON.stringify(code)};`,
);
if (next === text && !text.includes(JSON.stringify(code)))
  throw new Error(`no source constant found in ${file}`);
writeFileSync(file, next);
process.stdout.write(`${file}: ${next === text ? 'unchanged' : 'rewritten'}\n`);
