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

/** Runs the command line; bin/news-ingest.js calls it (under npx, argv[1] is a .bin link, not this file). */
export function runCli(argv: string[] = process.argv): void {
  buildProgram()
    .parseAsync(argv)
    .catch((error: unknown) => {
      process.stderr.write(`news-ingest: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}

if (require.main === module) runCli();
