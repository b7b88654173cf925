import { RejectionError, TransientError, isTransientError } from '@news/contracts';
import { decodeWireError, encodeWireError } from './wire-error';

/** Through the codec and a structured clone, as a message between threads travels. */
const across = (error: unknown) => decodeWireError(structuredClone(encodeWireError(error)));

describe('wire errors between pipeline threads', () => {
  it('keeps a transient failure transient, with its message', () => {
    const back = across(new TransientError('redis: connection refused'));
    expect(back).toBeInstanceOf(TransientError);
    expect(isTransientError(back)).toBe(true);
    expect(back.message).toBe('redis: connection refused');
  });

  it('keeps any error that declares itself retriable transient', () => {
    const retriable = Object.assign(new Error('broker timeout'), { retriable: true });
    expect(across(retriable)).toBeInstanceOf(TransientError);
  });

  it('turns a permanent failure into a plain, non-transient Error with its message', () => {
    for (const error of [
      new RangeError('offset out of range'),
      new RejectionError('invalid-json', 'parse', 'x'),
    ]) {
      const back = across(error);
      expect(back.constructor).toBe(Error);
      expect(isTransientError(back)).toBe(false);
      expect(back.message).toBe(error.message);
    }
  });

  it('encodes thrown values that are not errors as text, never as transient', () => {
    expect(encodeWireError('lost')).toEqual({ message: 'lost', transient: false });
    expect(encodeWireError(undefined)).toEqual({ message: 'undefined', transient: false });
    expect(encodeWireError(42)).toEqual({ message: '42', transient: false });
    expect(across(null).message).toBe('null');
  });

  it('decodes a value of an unknown shape as a non-transient Error that shows the value', () => {
    for (const wire of [undefined, null, 'boom', 7, {}, { message: 3, transient: true }, [1, 2]]) {
      const back = decodeWireError(wire);
      expect(back.constructor).toBe(Error);
      expect(back.message).toMatch(/^malformed error from a pipeline thread: /);
    }
    expect(decodeWireError({ message: 3, transient: true }).message).toContain(
      '{"message":3,"transient":true}',
    );
  });

  it('takes only a literal true as transient', () => {
    expect(decodeWireError({ message: 'm', transient: 'yes' })).not.toBeInstanceOf(TransientError);
    expect(decodeWireError({ message: 'm' })).not.toBeInstanceOf(TransientError);
  });
});
