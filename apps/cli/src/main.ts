import { Command } from 'commander';
import { PIPELINE_VERSION } from '@news/pipeline';
import { COMMANDS } from './commands';

/** `news-ingest`: the offline face of the pipeline (enrich files, evaluate quality, work the dead-letter topic). */
export function buildProgram(): Command {
  const program = new Command('news-ingest')
    .description('Normalize, deduplicate and tag scraped news articles; tools for the news-ingest service.')
    .version(PIPELINE_VERSION)
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  for (const register of COMMANDS) register(program);
  return program;
}

if (require.main === module || process.argv[1]?.endsWith('news-ingest.js')) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`news-ingest: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
