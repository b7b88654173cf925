import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HEADERS } from '@news/contracts';

const repo = join(__dirname, '../../..');
const ROUTING = [HEADERS.primaryCountries, HEADERS.countries, HEADERS.topics, HEADERS.geopolitical];

describe('routing headers in the published documents', () => {
  it('are the headers of the enriched message in the AsyncAPI document', () => {
    const asyncapi = parse(readFileSync(join(repo, 'docs/asyncapi.yaml'), 'utf8')) as {
      components: { messages: { enrichedArticle: { headers: { properties: Record<string, unknown> } } } };
    };
    const names = Object.keys(asyncapi.components.messages.enrichedArticle.headers.properties);
    expect(names).toEqual(expect.arrayContaining([...ROUTING, HEADERS.eventType]));
  });

  it('each have a row in docs/events.md', () => {
    const events = readFileSync(join(repo, 'docs/events.md'), 'utf8');
    for (const name of ROUTING) expect(events).toContain(`| \`${name}\` |`);
  });
});
