import type { Command } from 'commander';
import { register as enrich } from './enrich.command';
import { register as evalExtraction } from './eval-extraction.command';
import { register as schemas } from './schemas.command';
import { register as evalCountries } from './eval-countries.command';
import { register as evalTopics } from './eval-topics.command';
import { register as evalDedup } from './eval-dedup.command';
import { register as evalLabels } from './eval-labels.command';
import { register as dlq } from './dlq.command';

/**
 * Every sub-command registers itself here. Each command lives in its own `<name>.command.ts`
 * and exports `register(program)`.
 */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  dlq,
  enrich,
  evalExtraction,
  schemas,
  evalCountries,
  evalTopics,
  evalDedup,
  evalLabels,
];
