import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';

export interface Line {
  /** 1-based line number in the input. */
  number: number;
  /** The raw bytes of the line, without its line break: invalid UTF-8 stays detectable downstream. */
  bytes: Buffer;
}

/** Splits a byte stream into lines without decoding it. */
export async function* readLines(input: Readable): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let number = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let newline = buffer.indexOf(0x0a);
    while (newline !== -1) {
      pending.push(buffer.subarray(0, newline));
      number += 1;
      yield { number, bytes: stripCarriageReturn(Buffer.concat(pending)) };
      pending = [];
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(0x0a);
    }
    if (buffer.length > 0) pending.push(buffer);
  }
  if (pending.length > 0) {
    number += 1;
    yield { number, bytes: stripCarriageReturn(Buffer.concat(pending)) };
  }
}

function stripCarriageReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
}

export function openInput(path: string | undefined): Readable {
  if (!path || path === '-') return process.stdin;
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new Error(`cannot read --input ${path}: no such file`);
  }
  if (!isFile) throw new Error(`cannot read --input ${path}: not a file`);
  return createReadStream(path);
}
