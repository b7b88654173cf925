import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import * as contracts from '@news/contracts';
import { DEFAULT_TOPICS, ERROR_CODES, RawArticleSchema } from '@news/contracts';
import * as schemas from './schemas';

const repo = join(__dirname, '../../..');

describe('contracts', () => {
  it('names every default topic in the AsyncAPI document, and nothing else', () => {
    const asyncapi = readFileSync(join(repo, 'docs/asyncapi.yaml'), 'utf8');
    const addresses = [...asyncapi.matchAll(/^\s+address: (\S+)$/gm)].map((m) => m[1]).sort();
    expect(addresses).toEqual(Object.values(DEFAULT_TOPICS).sort());
  });

  it('keeps error codes unique and kebab-case', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });

  it('exports every schema value, built when first read', () => {
    for (const [name, value] of Object.entries(schemas))
      expect([name, (contracts as Record<string, unknown>)[name]]).toEqual([name, value]);
  });

  it('accepts the seed article as a raw article and ignores unknown fields', () => {
    const seed: unknown = JSON.parse(readFileSync(join(repo, 'samples/seed-article.json'), 'utf8'));
    const check = TypeCompiler.Compile(RawArticleSchema);
    expect(check.Check(seed)).toBe(true);
    expect(check.Check({ ...(seed as object), somethingNew: { nested: true } })).toBe(true);
    expect(check.Check({ ...(seed as object), title: 42 })).toBe(false);
  });
});
