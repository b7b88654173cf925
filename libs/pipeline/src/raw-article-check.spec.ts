import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { RawArticleSchema } from '@news/contracts';
import { RAW_ARTICLE_CHECK_SOURCE, checkRawArticle } from './raw-article-check';

describe('precompiled raw-article check', () => {
  it('is the source TypeBox generates for the schema (else: node tools/raw-article-check.js)', () => {
    expect(RAW_ARTICLE_CHECK_SOURCE).toBe(
      TypeCompiler.Code(RawArticleSchema, [], { language: 'javascript' }),
    );
  });

  it('answers as the compiled schema does', () => {
    const compiled = TypeCompiler.Compile(RawArticleSchema);
    const seed = JSON.parse(
      readFileSync(join(__dirname, '../../../samples/seed-article.json'), 'utf8'),
    ) as Record<string, unknown>;
    const inputs: unknown[] = [
      seed,
      { ...seed, somethingNew: { nested: true } },
      { ...seed, title: 42 },
      { ...seed, url: '' },
      { ...seed, publishedAt: '2026-11-02T06:00:00Z' },
      { ...seed, publishedAt: '2026-02-30' },
      { ...seed, publishedAt: 'yesterday' },
      { ...seed, schemaVersion: '1.2' },
      { ...seed, schemaVersion: 'v1' },
      { ...seed, schemaVersion: 0 },
      { ...seed, source: { domain: 7 } },
      { ...seed, authors: ['a', 3] },
      { ...seed, metadata: [] },
      null,
      [],
      'text',
    ];
    for (const input of inputs)
      expect([input, checkRawArticle(input)]).toEqual([input, compiled.Check(input)]);
  });
});
