/**
 * The one reader of what the process takes from its environment (the worker's configuration, the Kafka
 * connection, the CLI's defaults, kafkajs' escape hatch). It reads typed values out of an environment object while
 * collecting every problem, so that start-up can report all bad variables at once instead of making the operator
 * fix them one restart at a time. Callers pass the environment in (process.env, or a spec's object).
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** Every bad variable, each named; thrown once reading is done (`throwIfInvalid`). */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid configuration:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export class EnvReader {
  readonly issues: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or blank (a blank variable means "use the default"). */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** The value exactly as set (a password may start or end with a space), or undefined. */
  untrimmed(name: string): string | undefined {
    return this.env[name];
  }

  string(name: string, fallback: string, pattern?: RegExp): string {
    const value = this.raw(name) ?? fallback;
    if (pattern && !pattern.test(value))
      this.issues.push(`${name}=${JSON.stringify(value)} must match ${String(pattern)}`);
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  integer(name: string, fallback: number, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (!/^-?\d+$/.test(text)) {
      this.issues.push(`${name}=${JSON.stringify(text)} is not an integer`);
      return fallback;
    }
    const value = Number(text);
    if (value < min || value > max) {
      this.issues.push(`${name}=${text} is out of range [${min}, ${max}]`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    return this.optionalBoolean(name) ?? fallback;
  }

  /** true/false, or undefined when unset (or not a boolean, which is an issue). */
  optionalBoolean(name: string): boolean | undefined {
    const text = this.raw(name)?.toLowerCase();
    if (text === undefined) return undefined;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.issues.push(`${name}=${JSON.stringify(text)} is not a boolean (true/false)`);
    return undefined;
  }

  /** One of `allowed`; compared in lower case when `caseInsensitive` (names such as SCRAM-SHA-512). */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T, caseInsensitive = false): T {
    const raw = this.raw(name);
    const text = caseInsensitive ? raw?.toLowerCase() : raw;
    if (text === undefined) return fallback;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    this.issues.push(`${name}=${JSON.stringify(text)} must be one of ${allowed.join(', ')}`);
    return fallback;
  }

  require(name: string, condition: string): string {
    const value = this.raw(name);
    if (value === undefined) {
      this.issues.push(`${name} is required ${condition}`);
      return '';
    }
    return value;
  }

  /** Throws ConfigError naming every issue found so far. */
  throwIfInvalid(): void {
    if (this.issues.length > 0) throw new ConfigError(this.issues);
  }
}
