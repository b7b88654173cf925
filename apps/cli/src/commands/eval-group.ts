import type { Command } from 'commander';

/** The `eval` parent command that every quality evaluation hangs under; created by whichever registers first. */
export function evalGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'eval') ??
    program.command('eval').description('Measure quality against labelled data sets')
  );
}
