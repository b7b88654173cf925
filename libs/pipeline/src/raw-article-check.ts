import { FORMATS, type RawArticle } from '@news/contracts';

/**
 * The raw-article schema check, precompiled: the source below is what TypeBox's
 * `TypeCompiler.Code(RawArticleSchema, [], { language: 'javascript' })` generates, turned into a function exactly
 * as `TypeCompiler.Compile` does. Every article is checked, so compiling it at start meant loading TypeBox in
 * every process and pipeline thread; the spec beside this file fails when the schema and this source differ
 * (regenerate with `node tools/raw-article-check.js` after `npm run build`).
 */
export const RAW_ARTICLE_CHECK_SOURCE =
  "const local_0 = /^[0-9]+(\\.[0-9]+)*$/;\nconst local_1 = /^(.*)$/\nfunction check_RawArticle(value) {\n  return (\n    (typeof value === 'object' && value !== null && !Array.isArray(value)) &&\n    (typeof value['url'] === 'string') &&\n    value['url'].length >= 1 &&\n    (value['html'] !== undefined ? ((typeof value['html'] === 'string')) : true) &&\n    (value['text'] !== undefined ? ((typeof value['text'] === 'string')) : true) &&\n    (value['id'] !== undefined ? ((typeof value['id'] === 'string')) : true) &&\n    (value['schemaVersion'] !== undefined ? (((Number.isInteger(value['schemaVersion']) && value['schemaVersion'] >= 1) || ((typeof value['schemaVersion'] === 'string') && local_0.test(value['schemaVersion'])))) : true) &&\n    (value['title'] !== undefined ? ((typeof value['title'] === 'string')) : true) &&\n    (value['source'] !== undefined ? (check_Source(value['source'])) : true) &&\n    (value['fetchedAt'] !== undefined ? ((typeof value['fetchedAt'] === 'string') && format('date-time', value['fetchedAt'])) : true) &&\n    (value['publishedAt'] !== undefined ? ((typeof value['publishedAt'] === 'string') && format('date-time', value['publishedAt'])) : true) &&\n    (value['language'] !== undefined ? ((typeof value['language'] === 'string')) : true) &&\n    (value['authors'] !== undefined ? (Array.isArray(value['authors']) && ((array) => { for(const value of array) if(!(((typeof value === 'string')))) { return false }; return true; })(value['authors'])) : true) &&\n    (value['metadata'] !== undefined ? ((typeof value['metadata'] === 'object' && value['metadata'] !== null && !Array.isArray(value['metadata']) && !(value['metadata'] instanceof Date) && !(value['metadata'] instanceof Uint8Array)) && (Object.entries(value['metadata']).every(([key, value]) => (local_1.test(key) ? (true) : true)))) : true)\n  )\n}\nfunction check_Source(value) {\n  return (\n    (typeof value === 'object' && value !== null && !Array.isArray(value)) &&\n    (value['domain'] !== undefined ? ((typeof value['domain'] === 'string')) : true) &&\n    (value['name'] !== undefined ? ((typeof value['name'] === 'string')) : true) &&\n    (value['country'] !== undefined ? ((typeof value['country'] === 'string')) : true)\n  )\n}\nreturn function check(value) {\n  return check_RawArticle(value)\n}";

type Evaluate = (
  kind: () => boolean,
  format: (name: string, value: string) => boolean,
  hash: () => never,
) => (value: unknown) => value is RawArticle;

// The generated source is TypeBox's, checked by the spec: evaluated once, as TypeCompiler.Compile does.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const evaluate = new Function('kind', 'format', 'hash', RAW_ARTICLE_CHECK_SOURCE) as Evaluate;

/** True when `value` satisfies RawArticleSchema, as TypeCompiler.Compile(RawArticleSchema).Check would say. */
export const checkRawArticle = evaluate(
  () => false, // the schema has no custom kinds
  (name, value) => FORMATS[name]?.(value) === true,
  () => {
    throw new Error('the raw-article schema hashes nothing');
  },
);
