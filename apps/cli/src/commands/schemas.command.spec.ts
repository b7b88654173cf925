import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDocuments } from './schemas.command';

describe('published JSON Schemas', () => {
  it('are exactly what the contracts library defines (regenerate with `news-ingest schemas`)', () => {
    for (const [file, text] of Object.entries(schemaDocuments())) {
      const published = readFileSync(join(__dirname, '../../../../docs/schemas', file), 'utf8');
      expect({ file, text: published }).toEqual({ file, text });
    }
  });
});
