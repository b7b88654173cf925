import { Command } from 'commander';
import { PIPELINE_VERSION } from '@news/pipeline';
import { COMMANDS } from './commands';

/**
 * `news-ingest`: the offline face of the pipeline (enrich files, evaluate quality, work the dead-letter topic).
 * Given the command line, only the command it names is loaded (see commands/index.ts); without one, or with an
 * unknown one, every command is, so that help and errors list them all.
 */
export function buildProgram(argv?: readonly string[]): Command {
  const program = new Command('news-ingest')
    .description('Normalize, deduplicate and tag scraped news articles; tools for the news-ingest service.')
    .version(PIPELINE_VERSION)
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  const named = argv?.[2];
  const chosen = COMMANDS.filter((command) => command.name === named);
  for (const command of chosen.length > 0 ? chosen : COMMANDS)
    for (const register of command.load()) register(program);
  return program;
}

/** Runs the command line; bin/news-ingest.js calls it (under npx, argv[1] is a .bin link, not this file). */
export function runCli(argv: string[] = process.argv): void {
  buildProgram(argv)
    .parseAsync(argv)
    .catch((error: unknown) => {
      process.stderr.write(`news-ingest: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}

if (require.main === module) runCli();
