import { version } from '../../../package.json';

/** Stamped on every output event and header, so downstream can tell which code produced it. */
export const PIPELINE_VERSION: string = version;
