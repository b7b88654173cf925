/* eslint-disable @typescript-eslint/no-require-imports -- each command module is loaded only when it runs */
import type { Command } from 'commander';

/**
 * Every sub-command registers itself here. Each command lives in its own `<name>.command.ts`
 * and exports `register(program)`.
 *
 * Commands are loaded on demand: `enrich` needs the pipeline, `dlq` needs kafkajs and NestJS-free Kafka
 * wiring, the evaluations need their data readers, and loading all of them costs a run of `enrich` more than
 * its articles do. The program loads the command it is asked to run, and all of them for help.
 */
export type RegisterCommand = (program: Command) => void;

export interface CommandModule {
  /** The first word on the command line that selects it. */
  name: string;
  load(): RegisterCommand[];
}

type Registers = { register: RegisterCommand };

export const COMMANDS: CommandModule[] = [
  { name: 'dlq', load: () => [(require('./dlq.command') as Registers).register] },
  { name: 'enrich', load: () => [(require('./enrich.command') as Registers).register] },
  {
    name: 'eval',
    load: () => [
      (require('./eval-extraction.command') as Registers).register,
      (require('./eval-countries.command') as Registers).register,
      (require('./eval-topics.command') as Registers).register,
      (require('./eval-dedup.command') as Registers).register,
      (require('./eval-labels.command') as Registers).register,
    ],
  },
  { name: 'schemas', load: () => [(require('./schemas.command') as Registers).register] },
];
