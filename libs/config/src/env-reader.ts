/**
 * Reads typed values out of an environment object while collecting every problem, so that start-up can
 * report all bad variables at once instead of making the operator fix them one restart at a time.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
  readonly issues: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or blank (a blank variable means "use the default"). */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
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
    const text = this.raw(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.issues.push(`${name}=${JSON.stringify(text)} is not a boolean (true/false)`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const text = this.raw(name);
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
}
