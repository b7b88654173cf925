import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ALL_SCHEMAS } from '@news/contracts';

/** The JSON Schema documents as published in docs/schemas, keyed by file name. */
export function schemaDocuments(): Record<string, string> {
  const documents: Record<string, string> = {};
  for (const [name, schema] of Object.entries(ALL_SCHEMAS)) {
    const document = { $schema: 'https://json-schema.org/draft/2020-12/schema', ...schema };
    documents[`${name}.schema.json`] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return documents;
}

export function register(program: Command): void {
  program
    .command('schemas')
    .description('Write the JSON Schemas of every event (the contracts downstream teams validate against)')
    .option('--out <dir>', 'folder to write them to', 'docs/schemas')
    .action((options: { out: string }) => {
      mkdirSync(options.out, { recursive: true });
      for (const [file, text] of Object.entries(schemaDocuments())) {
        writeFileSync(join(options.out, file), text);
        process.stdout.write(`${join(options.out, file)}\n`);
      }
    });
}
