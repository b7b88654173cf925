import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 5_000 };

  it('grows exponentially up to the cap', () => {
    const top = (attempt: number) => backoffDelay(policy, attempt, () => 1);
    expect([1, 2, 3, 4].map(top)).toEqual([100, 200, 400, 800]);
    expect(top(20)).toBe(5_000);
    expect(top(10_000)).toBe(5_000);
  });

  it('jitters between half the initial delay and the cap', () => {
    expect(backoffDelay(policy, 5, () => 0)).toBe(50);
    const samples = Array.from({ length: 200 }, () => backoffDelay(policy, 6));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...samples)).toBeLessThanOrEqual(3_200);
    expect(new Set(samples).size).toBeGreaterThan(50);
  });
});
